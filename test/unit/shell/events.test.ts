import { describe, expect, it, vi } from 'vitest';
import { sendEvent } from '../../../src/main/shell/events';
import type { StatusView } from '../../../src/shared/status';

const status: StatusView = {
  icloud: { connected: true, appleId: 'me@icloud.com', health: 'ok', busySources: [] },
  platform: { connected: true, health: 'ok', calendars: [{ id: 'c1', name: 'Cuts' }] },
  running: true,
  paused: false,
  progress: { done: 4, total: 10 },
  counts: { pairs: 3, conflicts: 0, attention: 0 },
};

function target() {
  return { sent: [] as Array<[string, unknown]>, destroyed: false, send(channel: string, payload: unknown) { this.sent.push([channel, payload]); }, isDestroyed() { return this.destroyed; } };
}

describe('sendEvent', () => {
  it('sends the payload on the contract channel', () => {
    const t = target();
    expect(sendEvent(t, 'statusChanged', status)).toBe(true);
    expect(sendEvent(t, 'syncProgress', { done: 1, total: 2 })).toBe(true);
    expect(t.sent).toEqual([['status.changed', status], ['sync.progress', { done: 1, total: 2 }]]);
  });

  it('strips keys the contract does not list', () => {
    const t = target();
    sendEvent(t, 'statusChanged', { ...status, secret: 'x' } as StatusView);
    expect(t.sent[0][1]).not.toHaveProperty('secret');
  });

  it('does not send an off-contract payload, and logs where it was wrong', () => {
    const t = target();
    const log = vi.fn();
    expect(sendEvent(t, 'syncProgress', { done: -1, total: 2 }, log)).toBe(false);
    expect(t.sent).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('done'));
  });

  it('does nothing when the window is closed', () => {
    const t = target();
    t.destroyed = true;
    expect(sendEvent(t, 'statusChanged', status)).toBe(false);
    expect(sendEvent(undefined, 'statusChanged', status)).toBe(false);
    expect(t.sent).toEqual([]);
  });
});
