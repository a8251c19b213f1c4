// @vitest-environment happy-dom
// Conflicts: loading, error, none, and many — both versions side by side, the changed field
// highlighted, and several settled at once.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConflictsView } from '../../../src/renderer/src/views/conflicts/ConflictsView';
import { conflict, fakeApi, never, renderWith } from './fake-api';

describe('Conflicts', () => {
  it('loading', () => {
    const { api } = fakeApi({ conflicts: { list: never } });
    renderWith(api, <ConflictsView openCount={2} onChanged={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading conflicts/);
  });

  it('error, with a way to try again', async () => {
    const list = vi.fn().mockRejectedValueOnce(new Error('The app could not answer this request (conflicts.list).')).mockResolvedValue([]);
    const { api } = fakeApi({ conflicts: { list } });
    renderWith(api, <ConflictsView openCount={0} onChanged={vi.fn()} />);
    await screen.findByRole('alert');
    await userEvent.click(screen.getByRole('button', { name: 'Try Again' }));
    await screen.findByRole('heading', { name: 'No conflicts' });
  });

  it('empty: explains when conflicts appear', async () => {
    const { api } = fakeApi();
    renderWith(api, <ConflictsView openCount={0} onChanged={vi.fn()} />);
    expect((await screen.findByRole('heading', { name: 'No conflicts' })).parentElement!.textContent).toMatch(/changed on both sides/);
  });

  it('no side is preset as the answer (no primary button), and an unknown change time is not shown as "Unknown"', async () => {
    const { api } = fakeApi({ conflicts: { list: async () => [conflict(0)] } });
    renderWith(api, <ConflictsView openCount={1} onChanged={vi.fn()} />);
    const versions = await screen.findByRole('table', { name: /Both versions of/ });
    expect(screen.getAllByRole('button').filter((b) => b.className.includes('primary'))).toEqual([]);
    expect(versions.textContent).not.toMatch(/Unknown/);
    expect(within(versions).queryByRole('row', { name: /Last changed/ })).toBeNull();
    const dated = { ...conflict(1), platform: { ...conflict(1).platform, modifiedAt: new Date().toISOString() } };
    const other = fakeApi({ conflicts: { list: async () => [dated] } });
    renderWith(other.api, <ConflictsView openCount={1} onChanged={vi.fn()} />);
    const row = await screen.findByRole('row', { name: /Last changed/ });
    expect(row.textContent).toMatch(/Not recorded.*Today/);
  });

  it('crowded: 60 conflicts, both versions of the chosen one, several settled at once', async () => {
    const many = Array.from({ length: 60 }, (_, i) => conflict(i));
    const list = vi.fn().mockResolvedValueOnce(many).mockResolvedValue(many.slice(3));
    const changed = vi.fn();
    const { api } = fakeApi({ conflicts: { list } });
    renderWith(api, <ConflictsView openCount={60} onChanged={changed} />);
    const listed = await screen.findByRole('list', { name: 'Open conflicts' });
    expect(within(listed).getAllByRole('listitem')).toHaveLength(60);
    expect(screen.getByText('60 open')).toBeTruthy();

    await userEvent.click(within(listed).getByRole('button', { name: /Consult 5\b/ }));
    const table = screen.getByRole('table', { name: 'Both versions of Consult 5' });
    const titleRow = within(table).getByRole('row', { name: /Title/ });
    expect(titleRow.className).toBe('changed');
    expect(titleRow.textContent).toContain('Consult 5 (iCloud)');
    expect(titleRow.textContent).toContain('Consult 5 (platform)');
    expect(within(table).getByRole('row', { name: /Notes/ }).className).toBe('');

    for (const i of [0, 1, 2]) await userEvent.click(screen.getByRole('checkbox', { name: `Select Consult ${i}` }));
    await userEvent.click(screen.getByRole('button', { name: 'Keep Platform for 3' }));
    expect(api.conflicts.resolve).toHaveBeenCalledWith({ ids: ['c-0', 'c-1', 'c-2'], keep: 'platform' });
    await screen.findByText('3 conflicts settled: platform version kept.');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Open conflicts' })).getAllByRole('listitem')).toHaveLength(57));
    expect(changed).toHaveBeenCalled();
  });

  it('a failed resolve is said in words and keeps the list', async () => {
    const { api } = fakeApi({ conflicts: { list: async () => [conflict(1)], resolve: vi.fn().mockRejectedValue(new Error('The event changed in iCloud while changing it.')) } });
    renderWith(api, <ConflictsView openCount={1} onChanged={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Keep iCloud' }));
    expect((await screen.findByRole('alert')).textContent).toContain('changed in iCloud');
    expect(screen.getByRole('table', { name: 'Both versions of Consult 1' })).toBeTruthy();
  });
});
