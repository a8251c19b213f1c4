// One notification per situation, never per event.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decideNotifications, initialNotificationMemory, repeatedFailureThreshold, type NotificationMemory } from '../../../src/main/shell/notification-policy';
import type { StatusView } from '../../../src/shared/status';
import { fake, FakeNotification } from './fake-electron';
import { connectedStatus, run } from './status-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createNotifier } = await import('../../../src/main/shell/notifications');

beforeEach(() => fake.reset());

/** Feed statuses through the policy; return the situations notified at each step. */
function feed(statuses: StatusView[], enabled = true): string[][] {
  let memory: NotificationMemory = initialNotificationMemory;
  return statuses.map((status) => {
    const decision = decideNotifications(memory, status, enabled);
    memory = decision.memory;
    return decision.notices.map((notice) => notice.situation);
  });
}

const authFailure = (id: string) =>
  connectedStatus({ icloud: { ...connectedStatus().icloud, health: 'error' }, lastRun: run(id, 'failed', undefined, { kind: 'auth', message: 'rejected' }) });

describe('decideNotifications', () => {
  it('rejected credentials: once, however many cycles fail, and again only after it was fixed', () => {
    expect(feed([authFailure('r1'), authFailure('r2'), authFailure('r3'), connectedStatus({ lastRun: run('r4', 'ok') }), authFailure('r5')])).toEqual([
      ['credentials-rejected'],
      [],
      [],
      [],
      ['credentials-rejected'],
    ]);
  });

  it('repeated failures: after the threshold of consecutive failed runs, once', () => {
    const failed = (id: string) => connectedStatus({ lastRun: run(id, 'failed', undefined, { kind: 'network', message: 'down' }) });
    const steps = Array.from({ length: repeatedFailureThreshold + 2 }, (_, i) => failed(`r${i}`));
    const notified = feed(steps);
    expect(notified.slice(0, repeatedFailureThreshold - 1).flat()).toEqual([]);
    expect(notified[repeatedFailureThreshold - 1]).toEqual(['repeated-failures']);
    expect(notified.slice(repeatedFailureThreshold).flat()).toEqual([]);
  });

  it('counts each run once, though the status changes many times during and after it', () => {
    const failed = connectedStatus({ lastRun: run('same', 'failed', undefined, { kind: 'network', message: 'down' }) });
    expect(feed(Array.from({ length: 10 }, () => failed)).flat()).toEqual([]);
  });

  it('a successful run resets the failure count', () => {
    const failed = (id: string) => connectedStatus({ lastRun: run(id, 'failed') });
    const ok = (id: string) => connectedStatus({ lastRun: run(id, 'ok') });
    expect(feed([failed('a'), failed('b'), ok('c'), failed('d'), failed('e')]).flat()).toEqual([]);
  });

  it('new conflicts: once when they appear, not again while they stay, again after they were all settled', () => {
    const conflicts = (n: number) => connectedStatus({ counts: { pairs: 5, conflicts: n, attention: 0 } });
    expect(feed([conflicts(0), conflicts(1), conflicts(3), conflicts(2), conflicts(0), conflicts(1)])).toEqual([[], ['new-conflicts'], [], [], [], ['new-conflicts']]);
  });

  it('a safety guard waiting: once while it waits, again for a later one; guarded runs are not "keeps failing"', () => {
    const decision = { kind: 'deletions' as const, detectedAt: 'x', message: 'm', items: [{ key: 'k', title: 'Lesson', start: 's', end: 'e', allDay: false, side: 'platform' as const }] };
    const guarded = (id: string) => connectedStatus({ lastRun: run(id, 'guarded', undefined, { kind: 'guard', message: 'm' }), guard: decision });
    const steps = [guarded('g1'), guarded('g2'), guarded('g3'), guarded('g4'), connectedStatus({ lastRun: run('ok', 'ok') }), guarded('g5')];
    expect(feed(steps)).toEqual([['guard-waiting'], [], [], [], [], ['guard-waiting']]);
    const [notice] = decideNotifications(initialNotificationMemory, guarded('g'), true).notices;
    expect(notice).toMatchObject({ title: 'Syncing stopped for safety', route: 'status' });
    expect(notice.body).toBe('A sync would delete 1 event. Nothing was changed. Open iCloud Sync to delete them or keep them.');
  });

  it('shows nothing when notifications are off, and does not flood when they are turned back on', () => {
    let memory = initialNotificationMemory;
    const conflicted = connectedStatus({ counts: { pairs: 5, conflicts: 2, attention: 0 } });
    const off = decideNotifications(memory, conflicted, false);
    expect(off.notices).toEqual([]);
    memory = off.memory;
    expect(decideNotifications(memory, conflicted, true).notices).toEqual([]);
  });

  it('speaks in the user\'s words and points where to fix it', () => {
    const [notice] = decideNotifications(initialNotificationMemory, authFailure('r'), true).notices;
    expect(notice).toMatchObject({ title: 'Your iCloud password was rejected', route: 'settings' });
    expect(notice.body).toContain('account.apple.com');
    const platformAuth = connectedStatus({
      platform: { ...connectedStatus().platform, health: 'error' },
      lastRun: run('r', 'failed', undefined, { kind: 'auth', message: 'x' }),
    });
    expect(decideNotifications(initialNotificationMemory, platformAuth, true).notices[0].title).toBe('The platform rejected your token');
    const conflicts = decideNotifications(initialNotificationMemory, connectedStatus({ counts: { pairs: 1, conflicts: 2, attention: 0 } }), true);
    expect(conflicts.notices[0]).toMatchObject({ title: '2 conflicts need you', route: 'conflicts' });
  });
});

describe('createNotifier (Electron wrapper)', () => {
  it('shows one Electron notification per new situation; a click opens the window at its place', () => {
    const openWindow = vi.fn();
    const notifier = createNotifier(openWindow);
    const conflicted = connectedStatus({ counts: { pairs: 5, conflicts: 2, attention: 0 } });
    notifier.consider(conflicted, true);
    notifier.consider(conflicted, true);
    expect(FakeNotification.instances).toHaveLength(1);
    const [shown] = FakeNotification.instances;
    expect(shown.shown).toBe(true);
    expect(shown.options.title).toBe('2 conflicts need you');
    shown.emit('click');
    expect(openWindow).toHaveBeenCalledWith('conflicts');
  });

  it('shows nothing where the OS has no notifications', () => {
    FakeNotification.supported = false;
    createNotifier(vi.fn()).consider(connectedStatus({ counts: { pairs: 5, conflicts: 2, attention: 0 } }), true);
    expect(FakeNotification.instances).toHaveLength(0);
  });
});
