// The planner's move decision (issue 15, a location's own iCloud calendar): when a location's
// appointments go to another calendar, each synced copy is moved there (one icloud.move: new copy
// first, then the old one deleted), never deleted and created as two unrelated operations the
// deletion guard would count; a copy already moved whose old one is left (movedFrom) is cleaned up;
// a cancelled, filtered or edited-in-iCloud appointment is decided as before; new ones go to the
// location's calendar; blocked slots of a calendar no longer followed are released.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../src/main/sync/operations';
import { plan } from '../../../src/main/sync/plan';
import type { PlanInput } from '../../../src/main/sync/plan-input';
import { checkDeletions } from '../../../src/main/sync/guards';
import { IcsCodec } from '../../../src/main/icloud';
import { CAL, NOW, objectChange, situation } from './plan-world';

const CLINIC = 'cal://alice/clinic/';
const decisions = (ops: Operation[]) => ops.filter((op) => !['object.seen', 'object.gone', 'cursor.commit', 'window.judged'].includes(op.type));
const toClinic = (input: PlanInput): PlanInput => ({
  ...input, context: { ...input.context, appointmentCalendarUrl: CLINIC, followedCalendarUrls: [CAL, CLINIC], calendarNames: { [CAL]: 'Work', [CLINIC]: 'Clinic' } },
});

describe('moving an appointment\'s copy to its location\'s calendar', () => {
  it('a synced copy in the old calendar is moved, once, and said so', () => {
    const ops = decisions(plan(toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'same' }))));
    expect(ops.map((op) => op.type)).toEqual(['icloud.move']);
    const [move] = ops;
    expect(move).toMatchObject({ key: 'appt:a1', calendarUrl: CLINIC, reason: 'moved from the iCloud calendar “Work” to “Clinic” (the calendar chosen for its location)' });
  });

  it('a move carries the appointment as it is now (a platform edit goes with it)', () => {
    const [move] = decisions(plan(toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'changed' }))));
    expect(move).toMatchObject({ type: 'icloud.move', title: 'Consult (platform)' });
  });

  it('is not counted by the deletion guard (it loses nothing)', () => {
    const input = toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'same' }));
    const ops = plan(input);
    expect(() => checkDeletions(ops, 1, false, NOW)).not.toThrow();
    expect(ops.some((op) => op.type === 'icloud.delete')).toBe(false);
  });

  it('an old copy left by an interrupted move is deleted; the pair is otherwise as it is', () => {
    const input = toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'same' }));
    const pair = input.pairs['appt:a1']!;
    input.pairs['appt:a1'] = { ...pair, icloud: { ...pair.icloud!, href: `${CLINIC}m1.ics`, calendarUrl: CLINIC }, movedFrom: { href: pair.icloud!.href, calendarUrl: CAL } };
    // The old copy is read again in the old calendar: it is not taken for the pair's copy.
    const old = new IcsCodec().mirror({ uid: 'm1@icloud-sync-companion', platformId: 'a1', title: 'Old title', start: { iso: pair.start }, end: { iso: pair.end }, tzid: 'UTC', now: NOW });
    input.icloud.changed.push(objectChange(pair.icloud!.href, old, '"m9"'));
    const ops = decisions(plan(input));
    expect(ops.map((op) => op.type)).toEqual(['icloud.move']);
    expect(ops[0]).toMatchObject({ calendarUrl: CLINIC, reason: 'an earlier move left its old iCloud copy: it is deleted now' });
  });

  it('cancelled during an interrupted move: the delete names the new copy (the executor deletes the old one with it)', () => {
    const input = toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'gone' }));
    const pair = input.pairs['appt:a1']!;
    input.pairs['appt:a1'] = { ...pair, icloud: { ...pair.icloud!, href: `${CLINIC}m1.ics`, calendarUrl: CLINIC }, movedFrom: { href: pair.icloud!.href, calendarUrl: CAL } };
    const old = new IcsCodec().mirror({ uid: 'm1@icloud-sync-companion', platformId: 'a1', title: 'Consult', start: { iso: pair.start }, end: { iso: pair.end }, tzid: 'UTC', now: NOW });
    input.icloud.changed.push(objectChange(pair.icloud!.href, old, '"m9"'));
    const [deletion] = decisions(plan(input));
    expect(deletion).toMatchObject({ type: 'icloud.delete', pair: { icloud: { href: `${CLINIC}m1.ics` }, movedFrom: { href: pair.icloud!.href } } });
  });

  it('cancelled after a move whose pair write was lost (a second copy read in the new calendar): the delete names both', () => {
    const input = toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'gone' }));
    const pair = input.pairs['appt:a1']!;
    const copy = new IcsCodec().mirror({ uid: 'm1@icloud-sync-companion', platformId: 'a1', title: 'Consult', start: { iso: pair.start }, end: { iso: pair.end }, tzid: 'UTC', now: NOW });
    input.icloud.changed.push(objectChange(`${CLINIC}m1.ics`, copy, '"n1"', CLINIC));
    const [deletion] = decisions(plan(input));
    expect(deletion).toMatchObject({ type: 'icloud.delete', pair: { icloud: { href: `${CLINIC}m1.ics` }, movedFrom: { href: pair.icloud!.href, calendarUrl: CAL } } });
  });

  it('already where it belongs: nothing to do', () => {
    const input = situation({ owner: 'platform', icloud: 'same', platform: 'same' });
    expect(decisions(plan({ ...input, context: { ...input.context, appointmentCalendarUrl: CAL } }))).toEqual([]);
  });

  it('cancelled: its copy is deleted where it is, not moved', () => {
    expect(decisions(plan(toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'gone' })))).map((op) => `${op.type} ${op.rule}`)).toEqual(['icloud.delete S4']);
  });

  it('edited in iCloud this cycle: the edit reaches the booking first, the move comes after', () => {
    expect(decisions(plan(toClinic(situation({ owner: 'platform', icloud: 'changed', platform: 'same' })))).map((op) => op.type)).toEqual(['platform.updateAppointment']);
  });

  it('filtered out now: released, not moved', () => {
    const input = toClinic(situation({ owner: 'platform', icloud: 'same', platform: 'same', settings: { filters: { loc: { skipTitles: ['consult'], skipAllDay: false, workingHours: '' } } } }));
    const ops = decisions(plan({ ...input, context: { ...input.context, locationId: 'loc' } }));
    expect(ops.map((op) => `${op.type} ${op.rule}`)).toEqual(['icloud.delete filter']);
  });

  it('a new appointment is copied to its location\'s calendar', () => {
    const [create] = decisions(plan(toClinic(situation({ owner: 'platform', icloud: 'new', platform: 'new' }))));
    expect(create).toMatchObject({ type: 'icloud.create', calendarUrl: CLINIC });
  });

  it('a blocked slot of an event in a calendar no longer followed is released (guarded like any deletion)', () => {
    const input = situation({ owner: 'icloud', icloud: 'same', platform: 'same' });
    const ops = decisions(plan({ ...input, context: { ...input.context, followedCalendarUrls: [CLINIC], calendarNames: { [CAL]: 'Work' } } }));
    expect(ops.map((op) => `${op.type} ${op.rule}`)).toEqual(['platform.deleteBlock S11']);
    expect(ops[0]!.reason).toBe('its iCloud calendar “Work” is no longer synced: its blocked slot was released');
    expect(decisions(plan({ ...input, context: { ...input.context, followedCalendarUrls: [CAL] } }))).toEqual([]);
  });
});
