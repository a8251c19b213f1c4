// @vitest-environment happy-dom
// Status: not synced yet, errors in words, progress from events, the buttons, and a crowded
// "Needs attention" list with its two actions per item.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StatusView } from '../../../src/renderer/src/views/status/StatusView';
import { useStatus } from '../../../src/renderer/src/hooks/useStatus';
import { attentionItem, connectedStatus, fakeApi, never, renderWith, run } from './fake-api';

function LiveStatus() {
  const { status } = useStatus();
  return status ? <StatusView status={status} onOpen={vi.fn()} onChanged={vi.fn()} /> : <p>waiting</p>;
}

describe('Status', () => {
  it('empty: connected but never synced', () => {
    const { api } = fakeApi();
    const status = connectedStatus({ lastRun: undefined, icloud: { ...connectedStatus().icloud, health: 'unknown', message: 'Not synced yet.' }, counts: { pairs: 0, conflicts: 0, attention: 0 } });
    renderWith(api, <StatusView status={status} onOpen={vi.fn()} onChanged={vi.fn()} />);
    expect(screen.getByText('Not synced yet', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'iCloud connection' }).textContent).toMatch(/Waiting.*Not synced yet/);
    expect(screen.queryByRole('region', { name: 'Needs attention' })).toBeNull();
    expect(screen.getByText(/in 4 minutes/)).toBeTruthy();
  });

  it('error: a rejected password is said in words with a red state and a word', () => {
    const { api } = fakeApi();
    const message = 'Your iCloud app-specific password was rejected. Make a new one at account.apple.com and reconnect.';
    const failed = run(0, { outcome: 'failed', error: { kind: 'auth', message } });
    const status = connectedStatus({ lastRun: failed, icloud: { ...connectedStatus().icloud, health: 'error', message } });
    renderWith(api, <StatusView status={status} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'iCloud connection' });
    expect(card.querySelector('.state-error')?.textContent).toBe('Needs you');
    expect(card.textContent).toContain('was rejected');
    expect(screen.getByRole('heading', { name: 'Status' }).parentElement!.textContent).toMatch(/Needs reconnecting/);
  });

  it('notices: what recent syncs capped or cut is listed by event, and nothing when there is none', () => {
    const { api } = fakeApi();
    const reason = 'repeats more often than the app follows: only the 500 occurrences nearest to now block time';
    renderWith(api, <StatusView status={connectedStatus({ runNotices: [{ title: 'Every second', reason }] })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const section = screen.getByRole('region', { name: 'Worth knowing' });
    expect(section.textContent).toBe(`Worth knowingEvery second — ${reason}`);
  });

  it('notices: none, no section', () => {
    const { api } = fakeApi();
    renderWith(api, <StatusView status={connectedStatus()} onOpen={vi.fn()} onChanged={vi.fn()} />);
    expect(screen.queryByRole('region', { name: 'Worth knowing' })).toBeNull();
  });

  it('loading: the attention list says it is loading', () => {
    const { api } = fakeApi({ attention: { list: never } });
    renderWith(api, <StatusView status={connectedStatus({ counts: { pairs: 1, conflicts: 0, attention: 2 } })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading what needs you/);
  });

  it('progress: a bar with "n of m" while a cycle runs, fed by sync.progress events', async () => {
    const { api, emit } = fakeApi();
    renderWith(api, <LiveStatus />);
    await screen.findByRole('heading', { name: 'Status' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    act(() => emit('syncProgress', { done: 40, total: 212 }));
    const bar = await screen.findByRole('progressbar', { name: 'Sync progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('Syncing… 40 of 212')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Syncing…' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => emit('statusChanged', connectedStatus()));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('Sync Now, Pause and Resume call the app', async () => {
    const changed = vi.fn();
    const { api } = fakeApi();
    const view = renderWith(api, <StatusView status={connectedStatus()} onOpen={vi.fn()} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sync Now' }));
    await userEvent.click(screen.getByRole('button', { name: 'Pause Syncing' }));
    expect(api.sync.now).toHaveBeenCalledOnce();
    expect(api.sync.pause).toHaveBeenCalledOnce();
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    view.unmount();
    renderWith(api, <StatusView status={connectedStatus({ paused: true, nextRunAt: undefined })} onOpen={vi.fn()} onChanged={changed} />);
    expect(screen.getByText('Paused until you resume')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Resume Syncing' }));
    expect(api.sync.resume).toHaveBeenCalledOnce();
  });

  it('crowded: thirty items needing attention, each with its two actions', async () => {
    const items = Array.from({ length: 30 }, (_, i) => attentionItem(i));
    const { api } = fakeApi({ attention: { list: async () => items } });
    renderWith(api, <StatusView status={connectedStatus({ counts: { pairs: 400, conflicts: 3, attention: 30 } })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const region = await screen.findByRole('region', { name: 'Needs attention' });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(30));
    expect(screen.getByText(/400 events kept in sync/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '3 conflicts need you' })).toBeTruthy();
    await userEvent.click(within(region).getByRole('button', { name: 'Restore in iCloud: Physio 0' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Stop Syncing This Event: Physio 1' }));
    expect(api.attention.restore).toHaveBeenCalledWith({ id: 'a-0' });
    expect(api.attention.cancel).toHaveBeenCalledWith({ id: 'a-1' });
  });

  it("the platform card names the location and the zone of all-day events; with the Mac's zone standing in it says what to do", () => {
    const { api } = fakeApi();
    const platform = { ...connectedStatus().platform, locationName: 'Lovelace Studio', timezone: 'America/New_York' };
    const { unmount } = renderWith(api, <StatusView status={connectedStatus({ platform })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Platform connection' });
    expect(within(card).getByText('Lovelace Studio', { selector: 'dd' })).toBeTruthy();
    expect(card.textContent).not.toContain('loc-1');
    expect(card.textContent).toContain('Whole days in America/New_York');
    unmount();

    const notice = "The platform token may not read the location, so its time zone is unknown: all-day events block whole days in this Mac's time zone (UTC). To fix it, add the locations.readonly scope to the Private Integration Token.";
    const fallback = { ...connectedStatus().platform, timezone: 'UTC', locationNotice: notice };
    renderWith(api, <StatusView status={connectedStatus({ platform: fallback })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const again = screen.getByRole('region', { name: 'Platform connection' });
    expect(within(again).getByText('loc-1', { selector: 'dd' })).toBeTruthy();
    expect(again.textContent).toContain('add the locations.readonly scope');
  });
});
