import { describe, expect, it } from 'vitest';
import { calendarEntrySchema } from '../../../src/shared/calendars';
import { defaultSyncedCalendarIds, toCalendarEntries } from '../../../src/main/platform/eligibility';
import type { PlatformCalendar } from '../../../src/main/platform/schemas';

const cal = (id: string, calendarType: string | undefined, members: string[]): PlatformCalendar => ({
  id,
  name: `Calendar ${id}`,
  locationId: 'loc',
  calendarType,
  teamMembers: members.map((userId) => ({ userId })),
});

const calendars = [
  cal('rr', 'round_robin', ['me', 'other']),
  cal('coll', 'collective', ['other']),
  cal('class', 'class_booking', ['me']),
  cal('service', 'service_booking', ['me']),
  cal('simple', 'event', ['me']),
  cal('personal', 'personal', ['me']),
  cal('future', 'webinar', ['me']),
];

describe('platform calendar eligibility', () => {
  it('supports the four booking types and explains the rest', () => {
    const entries = toCalendarEntries(calendars, 'me');
    const byId = Object.fromEntries(entries.map((e) => [e.id, e]));
    for (const id of ['rr', 'coll', 'class', 'service']) expect(byId[id]).toMatchObject({ eligible: true, side: 'platform' });
    expect(byId.rr.reason).toBeUndefined();
    expect(byId.simple).toMatchObject({ eligible: false, reason: 'Simple calendar', type: 'event' });
    expect(byId.personal).toMatchObject({ eligible: false, reason: 'personal calendar', type: 'personal' });
    expect(byId.future).toMatchObject({ eligible: false, reason: "unsupported calendar type 'webinar'" });
    for (const entry of entries) expect(() => calendarEntrySchema.parse(entry)).not.toThrow();
  });

  it('marks "my calendars" by team membership', () => {
    const entries = toCalendarEntries(calendars, 'me');
    expect(entries.filter((e) => e.mine).map((e) => e.id)).toEqual(['rr', 'class', 'service', 'simple', 'personal', 'future']);
    expect(entries.find((e) => e.id === 'coll')?.mine).toBe(false);
  });

  it('selects by default every supported calendar the user is a member of', () => {
    expect(defaultSyncedCalendarIds(calendars, 'me')).toEqual(['rr', 'class', 'service']);
    expect(defaultSyncedCalendarIds(calendars, 'other')).toEqual(['rr', 'coll']);
  });
});
