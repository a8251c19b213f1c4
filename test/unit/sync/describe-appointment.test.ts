// What the cancel confirmation names: the appointment as the platform has it now and its
// customer's name; without the name (no contacts.readonly, the platform down, a nameless contact)
// the reason, never a failure; and only a detached appointment can be described.
import { describe, expect, it } from 'vitest';
import { cancelQuestion, customerMissingNote } from '../../../src/shared/cancel-words';
import { SyncError } from '../../../src/main/errors';
import type { CalendarEvent, PlatformContact } from '../../../src/main/platform/schemas';
import type { PairRecord } from '../../../src/main/sync/pair';
import type { State } from '../../../src/main/store/state-schema';
import { describeAppointment } from '../../../src/main/sync/describe-appointment';

const pair: PairRecord = {
  key: 'appt:a1', owner: 'platform', status: 'detached', title: 'Haircut', start: '2031-03-10T10:00:00.000Z', end: '2031-03-10T11:00:00.000Z',
  allDay: false, platformId: 'a1', platformKind: 'appointment', hashes: {}, updatedAt: '2031-03-01T00:00:00Z',
  detached: { kind: 'icloud-mirror-deleted', detectedAt: '2031-03-02T00:00:00Z' },
};
const state = (p: PairRecord = pair) => ({ pairs: { [p.key]: p } }) as unknown as State;
// The platform moved it by an hour since the app last saw it: the question says the time it has now.
const event = { id: 'a1', title: 'Haircut', locationId: 'loc', contactId: 'c1', startTime: '2031-03-10T11:00:00.000Z', endTime: '2031-03-10T12:00:00.000Z', users: [] } as unknown as CalendarEvent;
const refused = (status: number) => async (): Promise<PlatformContact> => {
  throw new SyncError('auth', 'refused', { side: 'platform', status });
};

describe('describeAppointment', () => {
  it('names the customer and gives the time the platform has now', async () => {
    const asked: string[] = [];
    const described = await describeAppointment(state(), 'appt:a1', {
      getEvent: async (id) => (asked.push(id), event),
      getContact: async (id) => (asked.push(id), { id, firstName: 'Grace', lastName: 'Hopper' }),
    });
    expect(asked).toEqual(['a1', 'c1']);
    expect(described).toEqual({ id: 'appt:a1', title: 'Haircut', start: event.startTime, end: event.endTime, customerName: 'Grace Hopper' });
    expect(cancelQuestion(described)).toMatch(/^Cancel the appointment "Haircut" with Grace Hopper on .+\? The booking is cancelled on the platform for Grace Hopper/);
  });

  it('without contacts.readonly (401 or 403) says "the customer" and how to show the name', async () => {
    for (const status of [401, 403]) {
      const described = await describeAppointment(state(), 'appt:a1', { getEvent: async () => event, getContact: refused(status) });
      expect(described.customerName).toBeUndefined();
      expect(described.customerMissing).toBe('missing-scope');
      expect(customerMissingNote(described)).toMatch(/add the contacts\.readonly scope to the Private Integration Token/);
      expect(cancelQuestion(described)).toMatch(/with the customer on .*for the customer.*contacts\.readonly/);
    }
  });

  it('with the platform unreachable, or a contact without a name, still describes what the app knows', async () => {
    const down = await describeAppointment(state(), 'appt:a1', { getEvent: async () => { throw new SyncError('network', 'down', { side: 'platform' }); } });
    expect(down).toEqual({ id: 'appt:a1', title: 'Haircut', start: pair.start, end: pair.end, customerMissing: 'unavailable' });
    expect(customerMissingNote(down)).toMatch(/could not be read from the platform just now/);
    const contactDown = await describeAppointment(state(), 'appt:a1', { getEvent: async () => event, getContact: refused(502) });
    expect(contactDown.customerMissing).toBe('unavailable');
    const nameless = await describeAppointment(state(), 'appt:a1', { getEvent: async () => event, getContact: async (id) => ({ id, firstName: '', lastName: null }) });
    expect(nameless.customerMissing).toBe('no-name');
    expect(customerMissingNote(nameless)).toBeUndefined();
    expect(cancelQuestion(nameless)).toContain('with the customer');
  });

  it('only a detached appointment waiting to be cancelled can be described', async () => {
    const platform = { getEvent: async () => event, getContact: async (id: string) => ({ id, name: 'X' }) };
    await expect(describeAppointment(state(), 'appt:nope', platform)).rejects.toThrow(/no appointment "appt:nope" waiting to be cancelled/);
    const slot: PairRecord = { ...pair, key: 'ical:x', platformKind: 'block', detached: { kind: 'platform-mirror-deleted', detectedAt: pair.updatedAt } };
    await expect(describeAppointment(state(slot), 'ical:x', platform)).rejects.toThrow(SyncError);
    await expect(describeAppointment(state({ ...pair, status: 'synced', detached: undefined }), 'appt:a1', platform)).rejects.toThrow(SyncError);
  });

  it('a contact read that hangs does not hold the question: past the deadline it says "the customer"', async () => {
    const started = Date.now();
    const described = await describeAppointment(state(), 'appt:a1', { getEvent: async () => event, getContact: () => new Promise(() => undefined) }, 50);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(described).toEqual({ id: 'appt:a1', title: 'Haircut', start: event.startTime, end: event.endTime, customerMissing: 'unavailable' });
  });

  it('a huge or odd name (terminal escapes, line breaks, text reading backwards) is shown cut and printable', async () => {
    const odd = async (name: string) => (await describeAppointment(state(), 'appt:a1', { getEvent: async () => event, getContact: async (id) => ({ id, name }) })).customerName;
    expect(await odd('Grace\u001b[2J\u001b]0;pwned\u0007 Hopper')).toBe('Grace [2J ]0;pwned Hopper');
    expect(await odd('Grace\r\n\tHopper')).toBe('Grace Hopper');
    expect(await odd('\u202eevil\u202c name')).toBe('evil name');
    const huge = await odd('A'.repeat(1_000_000));
    expect(huge).toHaveLength(80);
    expect(huge?.endsWith('…')).toBe(true);
    // Nothing printable left: a nameless contact, not an empty name.
    const blank = await describeAppointment(state(), 'appt:a1', { getEvent: async () => event, getContact: async (id) => ({ id, name: '\u001b\u0007\n' }) });
    expect(blank.customerMissing).toBe('no-name');
    // The appointment's own title the same way.
    const title = await describeAppointment(state(), 'appt:a1', { getEvent: async () => ({ ...event, title: 'Hair\u001b[31mcut\n' }), getContact: async (id) => ({ id, name: 'G' }) });
    expect(title.title).toBe('Hair [31mcut');
  });
});
