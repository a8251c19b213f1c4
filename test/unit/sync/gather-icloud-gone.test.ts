// A location's own iCloud calendar deleted in iCloud (a 404 on reading it) is that location's loss
// only: gather drops what it took of it, names it and reads the other calendars on. The main
// calendar or a busy source gone still stops the whole cycle, as does any other failure.
import { describe, expect, it } from 'vitest';
import { IcsCodec, type ChangeSet, type RemoteObject } from '../../../src/main/icloud';
import { SyncError } from '../../../src/main/errors';
import { initialState, type State } from '../../../src/main/store/state-schema';
import { gatherIcloud, type FollowedCalendar } from '../../../src/main/sync/gather-icloud';
import type { IcloudPort } from '../../../src/main/sync/ports';

const main = 'https://p42-caldav.icloud.com/1/calendars/work/';
const clinic = 'https://p42-caldav.icloud.com/1/calendars/clinic/';
const busy = 'https://p42-caldav.icloud.com/1/calendars/family/';
const event = (uid: string) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20310101T000000Z',
    'DTSTART:20310302T100000Z', 'DTEND:20310302T110000Z', `SUMMARY:${uid}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const object = (calendar: string, name: string, data = event(name)): RemoteObject => ({ href: `${calendar}${name}.ics`, etag: `"${name}"`, data });
const notFound = () => new SyncError('gone', 'This calendar no longer exists in iCloud.', { side: 'icloud', status: 404 });

/** A side where `failing` hands over one batch (an event and an unreadable one), then throws `error`. */
function side(failing: string, error: SyncError): IcloudPort {
  const unused = () => Promise.reject(new Error('not in this test'));
  return {
    async fetchChanges(url, _cursor, _known, onObjects): Promise<ChangeSet> {
      onObjects?.([object(url, `in-${url.split('/').at(-2)}`), object(url, 'bad', 'not iCalendar')]);
      if (url === failing) throw error;
      return { created: [], updated: [], deleted: [], method: 'full-listing', newSyncToken: `t-${url}` };
    },
    getObject: unused, createEvent: unused, updateEvent: unused, deleteEvent: unused,
  };
}

function twoLocations(): State {
  const state = initialState();
  const account = (locationId: string, locationName: string) => ({ locationId, locationName, userId: 'u', apiUrl: 'mem://p', connectedAt: '2031-03-01T00:00:00Z', calendars: ['cal-1'] });
  state.accounts.platforms = { 'loc-1': { ...account('loc-1', 'Lovelace Studio'), icloudCalendar: clinic }, 'loc-2': { ...account('loc-2', 'Hopper Clinic'), pairSuffix: '|loc-2' } };
  state.links = { icloudCalendar: main, busySources: [busy], names: { [clinic]: 'clinic', [main]: 'work' } };
  return state;
}

const calendars: FollowedCalendar[] = [{ url: main, source: 'linked' }, { url: clinic, source: 'linked' }, { url: busy, source: 'busy' }];
const options = { window: { start: new Date('2031-03-01T00:00:00Z'), end: new Date('2031-04-01T00:00:00Z') }, floatingZone: 'UTC', rereadAll: false, allowEmpty: true, now: new Date('2031-03-01T00:00:00Z') };

describe('gatherIcloud when a followed calendar is gone', () => {
  it('a location\'s own calendar: named and set apart, nothing of it kept, the others read', async () => {
    const changes = await gatherIcloud(side(clinic, notFound()), new IcsCodec(), twoLocations(), calendars, options);
    expect(changes.changed.map((c) => c.href)).toEqual([`${main}in-work.ics`, `${busy}in-family.ics`]);
    expect(changes.failures.map((f) => f.href)).toEqual([`${main}bad.ics`, `${busy}bad.ics`]);
    expect(changes.calendars?.map((c) => c.url), 'no cursor of it to commit').toEqual([main, busy]);
    expect(changes.deleted, 'never read as its events\' deletion').toEqual([]);
    expect(changes.goneCalendars?.map((g) => g.url)).toEqual([clinic]);
    const { message } = changes.goneCalendars![0]!.error;
    expect(message).toBe('The iCloud calendar “clinic” no longer exists in iCloud: choose another for Lovelace Studio (Settings → Calendars, or icloud-sync link --location-id loc-1 --icloud default). Until then that location is left out of the sync, with nothing of it changed.');
  });

  for (const [what, url] of [['the main calendar', main], ['a busy source', busy]] as const) {
    it(`${what}: the whole cycle stops, naming it`, async () => {
      const state = twoLocations();
      await expect(gatherIcloud(side(url, notFound()), new IcsCodec(), state, calendars, options)).rejects.toThrow(/no longer exists in iCloud: choose another \(Settings → Calendars, or icloud-sync link\)\. Nothing was changed\./);
    });
  }

  it('any other failure of a location\'s own calendar still stops the cycle', async () => {
    const down = new SyncError('network', 'iCloud is unreachable.', { side: 'icloud' });
    await expect(gatherIcloud(side(clinic, down), new IcsCodec(), twoLocations(), calendars, options)).rejects.toBe(down);
    const oneEvent = new SyncError('gone', 'The event no longer exists.', { side: 'icloud', status: 410 });
    await expect(gatherIcloud(side(clinic, oneEvent), new IcsCodec(), twoLocations(), calendars, options)).rejects.toBe(oneEvent);
  });

  it('a calendar two locations use: named for both', async () => {
    const state = twoLocations();
    state.accounts.platforms['loc-2']!.icloudCalendar = clinic;
    const changes = await gatherIcloud(side(clinic, notFound()), new IcsCodec(), state, calendars, options);
    expect(changes.goneCalendars![0]!.error.message).toContain('choose another for Lovelace Studio, Hopper Clinic (');
    expect(changes.goneCalendars![0]!.error.message).toContain('Until then those locations are left out of the sync, with nothing of them changed.');
  });
});
