import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createSystemMonitor } = await import('../../../src/main/shell/system-monitor');

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('createSystemMonitor', () => {
  it('reports each wake from sleep until unsubscribed', () => {
    const listener = vi.fn();
    const off = createSystemMonitor().onWake(listener);
    fake.powerMonitor.emit('resume');
    expect(listener).toHaveBeenCalledOnce();
    off();
    fake.powerMonitor.emit('resume');
    expect(listener).toHaveBeenCalledOnce();
  });

  it('reports the network coming back (offline → online), not while it stays up', () => {
    const listener = vi.fn();
    const off = createSystemMonitor(1000).onNetworkBack(listener);
    vi.advanceTimersByTime(3000);
    expect(listener).not.toHaveBeenCalled();
    fake.net.online = false;
    vi.advanceTimersByTime(1000);
    fake.net.online = true;
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledOnce();
    off();
    fake.net.online = false;
    vi.advanceTimersByTime(1000);
    fake.net.online = true;
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledOnce();
  });
});
