// plan() alone, no servers (issue 10 §6): owner × what iCloud says × what the platform says × the
// conflict policy, each row naming the rule of DESIGN §1 it checks. The planner's bookkeeping (what
// was read becomes operations: object records, cursors) is checked after the rules.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../src/main/sync/operations';
import { plan } from '../../../src/main/sync/plan';
import { BUSY, CAL, NOW, iso, objectChange, situation, userIcs, type IcloudState, type Owner, type PlatformState, type Situation } from './plan-world';

const bookkeeping = new Set(['object.seen', 'object.gone', 'cursor.commit', 'window.judged']);
const decisions = (ops: Operation[]) => ops.filter((op) => !bookkeeping.has(op.type)).map((op) => `${op.type} ${op.rule}`);

interface Row extends Situation {
  rule: string;
  expected: string[];
}

const row = (rule: string, owner: Owner, icloud: IcloudState, platform: PlatformState, expected: string[], extra: Partial<Situation> = {}): Row =>
  ({ rule, owner, icloud, platform, expected, ...extra });

const rows: Row[] = [
  // iCloud-owned events and their blocked slots.
  row('S8 a new iCloud event blocks time', 'icloud', 'new', 'unknown', ['platform.createBlock S8']),
  row('S8 a new iCloud event whose slot exists already is adopted, not doubled', 'icloud', 'new', 'same', ['adopt adopt']),
  row('S13 a free event makes no blocked slot', 'icloud', 'new', 'unknown', ['skip S13'], { free: true }),
  row('S13 an event that became free releases its slot', 'icloud', 'changed', 'same', ['platform.deleteBlock S13'], { free: true }),
  row('S9/S10 nothing changed: nothing to do', 'icloud', 'same', 'same', []),
  row('S9 an iCloud edit updates the blocked slot', 'icloud', 'changed', 'same', ['platform.updateBlock S9']),
  row('S10 a platform edit of the slot updates the iCloud event', 'icloud', 'same', 'changed', ['icloud.updateFromBlock S10']),
  row('S17 both changed, ask: the pair is held', 'icloud', 'changed', 'changed', ['conflict S17'], { policy: 'ask' }),
  row('S17 both changed, iCloud wins', 'icloud', 'changed', 'changed', ['platform.updateBlock S17'], { policy: 'icloud' }),
  row('S17 both changed, platform wins', 'icloud', 'changed', 'changed', ['icloud.updateFromBlock S17'], { policy: 'platform' }),
  row('S17 both changed, newest wins: iCloud was later', 'icloud', 'changed', 'changed', ['platform.updateBlock S17'], { policy: 'newest', icloudModified: '20310228T120000Z', platformModified: '2031-02-01T00:00:00.000Z' }),
  row('S17 both changed, newest wins: the platform was later', 'icloud', 'changed', 'changed', ['icloud.updateFromBlock S17'], { policy: 'newest', icloudModified: '20310201T120000Z', platformModified: '2031-02-28T00:00:00.000Z' }),
  row('S17 the same change on both sides is no conflict', 'icloud', 'changed', 'changed', ['record S17'], { sameEdit: true }),
  row('busy sources flow one way: a platform edit is put back', 'icloud', 'same', 'changed', ['platform.updateBlock busy'], { busy: true }),
  row('busy sources flow one way, also against policy "platform"', 'icloud', 'changed', 'changed', ['platform.updateBlock S17'], { busy: true, policy: 'platform' }),
  row('S11 a deleted iCloud event deletes its slot', 'icloud', 'gone', 'same', ['platform.deleteBlock S11']),
  row('S11 with icloudDeletions keep the slot stays', 'icloud', 'gone', 'same', ['forget S11'], { settings: { icloudDeletions: 'keep' } }),
  row('S11 deleted on both sides: only the pair goes', 'icloud', 'gone', 'gone', ['forget S11']),
  row('S12 a deleted mirror slot never deletes the iCloud event', 'icloud', 'same', 'gone', ['detach S12']),
  row('window: a pair that left the window is forgotten, never deleted', 'icloud', 'left the window', 'unknown', ['forget window']),
  // Platform-owned appointments and their iCloud mirrors.
  row('S1 a new appointment gets its iCloud mirror', 'platform', 'new', 'new', ['icloud.create S1']),
  row('S3/S5 nothing changed: nothing to do', 'platform', 'same', 'same', []),
  row('S3 a platform edit updates the mirror', 'platform', 'same', 'changed', ['icloud.update S3']),
  row('S4 a cancelled appointment deletes its mirror', 'platform', 'same', 'gone', ['icloud.delete S4']),
  row('S4 cancelled, its mirror already gone: only the pair goes', 'platform', 'gone', 'gone', ['forget S4']),
  row('S5 an iCloud edit of the mirror updates the appointment', 'platform', 'changed', 'same', ['platform.updateAppointment S5']),
  row('S5 an iCloud edit while the appointment is not listed still reaches it', 'platform', 'changed', 'unknown', ['platform.updateAppointment S5']),
  row('S6 a deleted mirror never cancels the booking', 'platform', 'gone', 'same', ['detach S6']),
  row('S17 both changed, ask: the pair is held', 'platform', 'changed', 'changed', ['conflict S17'], { policy: 'ask' }),
  row('S17 both changed, platform wins', 'platform', 'changed', 'changed', ['icloud.update S17'], { policy: 'platform' }),
  row('S17 both changed, iCloud wins', 'platform', 'changed', 'changed', ['platform.updateAppointment S17'], { policy: 'icloud' }),
  row('S17 both changed, newest wins: the platform was later', 'platform', 'changed', 'changed', ['icloud.update S17'], { policy: 'newest', icloudModified: '20310201T120000Z', platformModified: '2031-02-28T00:00:00.000Z' }),
  row('S17 the same change on both sides is no conflict', 'platform', 'changed', 'changed', ['record S17'], { sameEdit: true }),
  row('unknown: an appointment not listed and not looked up is left alone', 'platform', 'same', 'unknown', []),
  row('window: an appointment pair that left the window is forgotten', 'platform', 'left the window', 'unknown', ['forget window']),
];

describe('plan() rule table', () => {
  it.each(rows.map((r) => [`${r.rule} (${r.owner} · iCloud ${r.icloud} · platform ${r.platform}${r.policy ? ` · ${r.policy}` : ''})`, r] as const))('%s', (_, r) => {
    expect(decisions(plan(situation(r)))).toEqual(r.expected);
  });

  it('covers every owner × iCloud state and every platform state, and rules S1, S3–S6, S8–S13, S17', () => {
    for (const owner of ['icloud', 'platform'] as const) {
      for (const state of ['new', 'same', 'changed', 'gone', 'left the window'] as const) expect(rows.some((r) => r.owner === owner && r.icloud === state), `${owner} × iCloud ${state}`).toBe(true);
      for (const state of ['same', 'changed', 'gone', 'unknown'] as const) expect(rows.some((r) => r.owner === owner && r.platform === state), `${owner} × platform ${state}`).toBe(true);
    }
    const named = new Set(rows.flatMap((r) => r.rule.match(/S\d+/g) ?? []));
    for (const rule of ['S1', 'S3', 'S4', 'S5', 'S6', 'S8', 'S9', 'S10', 'S11', 'S12', 'S13', 'S17']) expect(named.has(rule), rule).toBe(true);
  });
});

describe('plan() identity (exact: calendar + href + RECURRENCE-ID)', () => {
  it('the same UID in two calendars is two events, each blocked, and a notice says so', () => {
    const input = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown' });
    const start = NOW.getTime() + 3 * 86_400_000;
    input.icloud.changed.push(objectChange(`${BUSY}other.ics`, userIcs('u1', 'Dentist copy', start), '"b1"', BUSY, 'busy'));
    const ops = plan(input);
    expect(decisions(ops)).toEqual(['notice identity', 'platform.createBlock S8', 'platform.createBlock S8']);
    expect(ops.filter((op) => op.type === 'platform.createBlock').map((op) => op.key)).toEqual([`${CAL}u1.ics`, `${BUSY}other.ics`]);
  });

  it('an event moved to another followed calendar keeps its pair (a record of the new href, no delete, no create)', () => {
    const input = situation({ owner: 'icloud', icloud: 'gone', platform: 'same' });
    const pair = Object.values(input.pairs)[0];
    input.icloud.changed.push(objectChange(`${BUSY}moved.ics`, userIcs('u1', 'Dentist', Date.parse(pair.start)), '"b1"', BUSY, 'busy'));
    const ops = plan(input);
    expect(decisions(ops)).toEqual(['record S9']);
    const record = ops.find((op) => op.type === 'record');
    expect(record && 'pair' in record ? record.pair.icloud?.href : undefined).toBe(`${BUSY}moved.ics`);
  });

  it('a pair is found by its href, not by its UID: a file with the same UID elsewhere does not take it over', () => {
    const input = situation({ owner: 'icloud', icloud: 'same', platform: 'same' });
    input.icloud.changed.push(objectChange(`${CAL}twin.ics`, userIcs('u1', 'Twin', NOW.getTime() + 5 * 86_400_000), '"t1"'));
    expect(decisions(plan(input))).toEqual(['platform.createBlock S8']);
  });
});

describe('plan() records what was read as operations', () => {
  it('the object an operation was decided from rides with it; others get their own record; deletions and the cursor follow', () => {
    const input = situation({ owner: 'icloud', icloud: 'changed', platform: 'same' });
    input.icloud.changed.push(objectChange(`${CAL}free.ics`, userIcs('free', 'Free', NOW.getTime() + 86_400_000, ['TRANSP:TRANSPARENT']), '"f1"'));
    input.icloud.deleted.push(`${CAL}old.ics`);
    const ops = plan(input);
    const update = ops.find((op) => op.type === 'platform.updateBlock')!;
    expect(update.seen).toEqual({ href: `${CAL}u1.ics`, record: { etag: '"e2"', calendarUrl: CAL, uid: 'u1', recurring: false } });
    expect(ops.filter((op) => op.type === 'object.seen').map((op) => op.key)).toEqual([`${CAL}free.ics`]);
    expect(ops.filter((op) => op.type === 'object.gone').map((op) => op.key)).toEqual([`${CAL}old.ics`]);
    const tail = ops.slice(-2);
    expect(tail.map((op) => op.type)).toEqual(['cursor.commit', 'window.judged']);
    expect(tail[0]).toMatchObject({ calendarUrl: CAL, cursor: { syncToken: 'tok-2' }, settle: false });
  });

  it('a calendar with an unreadable object commits no cursor (it is read again), and one written to settles its cursor', () => {
    const unreadable = situation({ owner: 'icloud', icloud: 'same', platform: 'same' });
    unreadable.icloud.failures.push({ href: `${CAL}bad.ics`, calendarUrl: CAL, error: 'no calendar data' });
    const ops = plan(unreadable);
    expect(decisions(ops)).toEqual(['skip item']);
    expect(ops.some((op) => op.type === 'cursor.commit')).toBe(false);

    const written = situation({ owner: 'platform', icloud: 'new', platform: 'new' });
    expect(plan(written).find((op) => op.type === 'cursor.commit')).toMatchObject({ settle: true });
  });

  it('an intent whose event is gone deletes the slot it made, or is dropped when no slot matches', () => {
    const input = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown' });
    input.icloud.changed = [];
    const href = `${CAL}lost.ics`;
    input.icloud.deleted.push(href);
    const start = iso(NOW.getTime() + 86_400_000);
    const end = iso(NOW.getTime() + 86_400_000 + 3_600_000);
    input.intents[href] = { key: href, start, end, title: 'Lost', sentAt: iso(NOW.getTime()), href, calendarUrl: CAL };
    expect(decisions(plan(input))).toEqual(['intent.drop S11']);
    input.platform.events.push({ id: 'orphan', title: 'Lost', locationId: 'loc', assignedUserId: 'user-me', users: [], startTime: start, endTime: end });
    const ops = plan(input);
    expect(decisions(ops)).toEqual(['platform.deleteBlock S11']);
    expect(ops.find((op) => op.type === 'platform.deleteBlock')).toMatchObject({ key: href, pair: { platformId: 'orphan' } });
  });
});

describe('plan() keys', () => {
  it('a new event at an href a moved pair was keyed by gets a key of its own, leaving the moved pair alone', () => {
    const input = situation({ owner: 'icloud', icloud: 'same', platform: 'same' });
    const pair = Object.values(input.pairs)[0];
    // The pair moved to the busy source earlier and kept its key (the old href).
    input.pairs[pair.key] = { ...pair, icloud: { ...pair.icloud!, href: `${BUSY}moved.ics`, calendarUrl: BUSY, source: 'busy' } };
    input.icloud.changed.push(objectChange(pair.key, userIcs('newcomer', 'Newcomer', NOW.getTime() + 4 * 86_400_000), '"n1"'));
    const ops = plan(input);
    const create = ops.find((op) => op.type === 'platform.createBlock');
    expect(create?.key).toBe(`${pair.key}#2`);
    expect(decisions(ops)).toEqual(['platform.createBlock S8']);
  });
});
