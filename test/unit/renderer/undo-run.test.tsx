// @vitest-environment happy-dom
// History → a run's details → "Undo This Run…" (issue 13 item 2): only on an undoable run; it asks
// first, naming how many items go back on each side and how many changed since, and nothing is
// undone until Undo Run is pressed; then it says what the undo did.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RunDetails } from '../../../src/renderer/src/views/history/RunDetails';
import { fakeApi, renderWith, run } from './fake-api';

describe('Undo this run', () => {
  it('is offered only for an undoable run', () => {
    const { api } = fakeApi();
    renderWith(api, <RunDetails run={run(0, { undoable: false })} />);
    expect(screen.queryByRole('button', { name: 'Undo This Run…' })).toBeNull();
  });

  it('asks with the counts on each side, Keep As It Is changes nothing, Undo Run undoes and says what it did', async () => {
    const { api } = fakeApi();
    const target = run(0, { undoable: true });
    renderWith(api, <RunDetails run={target} />);
    await userEvent.click(screen.getByRole('button', { name: 'Undo This Run…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Undo this run?' });
    expect(dialog.textContent).toMatch(/Puts back 2 iCloud events and 1 platform item/);
    expect(dialog.textContent).toMatch(/1 item changed since and will be left as it is/);
    expect(dialog.textContent).toMatch(/cancelled booking stays cancelled/);
    expect(document.activeElement?.textContent).toBe('Keep As It Is');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep As It Is' }));
    expect(api.run.undo).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Undo This Run…' }));
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Undo Run' }));
    expect(api.run.undo).toHaveBeenCalledWith({ id: target.id });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Undone: 2 iCloud events and 1 platform item put back. 1 item changed since and was left as it is.'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('past a safety guard the sheet shows the guard\'s words first, and only Undo Anyway undoes (with the guard allowed)', async () => {
    const guard = { kind: 'deletions' as const, message: 'This undo would delete 12 events (of 12 synced) that the run made. Nothing was changed.' };
    const { api } = fakeApi({ run: { undoPreview: async () => ({ icloud: 0, platform: 12, refused: 0, guard }) } });
    const target = run(0, { undoable: true });
    renderWith(api, <RunDetails run={target} />);
    await userEvent.click(screen.getByRole('button', { name: 'Undo This Run…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Undo this run?' });
    expect(within(dialog).getByRole('alert').textContent).toBe(guard.message);
    expect(within(dialog).queryByRole('button', { name: 'Undo Run' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo Anyway' }));
    expect(api.run.undo).toHaveBeenCalledWith({ id: target.id, allowGuards: true });
  });

  it('says why when the run cannot be undone', async () => {
    const { api } = fakeApi({ run: { undoPreview: async () => Promise.reject(new Error('That run was undone already (by run r-2).')) } });
    renderWith(api, <RunDetails run={run(0, { undoable: true })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Undo This Run…' }));
    expect(await screen.findByText(/That run was undone already/)).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
