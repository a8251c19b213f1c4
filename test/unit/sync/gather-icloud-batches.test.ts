// Issue 16: gather takes the objects a side reads batch by batch (parsing each into its change as it
// comes), in the order read, and still takes them when a side returns them whole instead.
import { describe, expect, it } from 'vitest';
import { IcsCodec, type ChangeSet, type RemoteObject } from '../../../src/main/icloud';
import { initialState } from '../../../src/main/store/state-schema';
import { gatherIcloud } from '../../../src/main/sync/gather-icloud';
import type { IcloudPort } from '../../../src/main/sync/ports';

const cal = 'https://p42-caldav.icloud.com/1/calendars/home/';
const event = (uid: string, day: number) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20310101T000000Z',
    `DTSTART:203103${String(day).padStart(2, '0')}T100000Z`, `DTEND:203103${String(day).padStart(2, '0')}T110000Z`, `SUMMARY:${uid}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const object = (name: string, data: string): RemoteObject => ({ href: `${cal}${name}.ics`, etag: `"${name}"`, data });

/** A side that reads in the given batches: handed to the taker when there is one, else returned. */
function side(batches: RemoteObject[][], stream: boolean): IcloudPort {
  const unused = () => Promise.reject(new Error('not in this test'));
  return {
    async fetchChanges(_url, _cursor, _known, onObjects): Promise<ChangeSet> {
      const all = batches.flat();
      if (stream && onObjects) for (const batch of batches) onObjects(batch);
      return {
        created: stream ? [] : all, updated: [], deleted: [], method: 'full-listing', newSyncToken: 't1',
        unreadable: [{ href: `${cal}late.ics`, error: 'iCloud left it out of its answer when reading it' }],
      };
    },
    getObject: unused, createEvent: unused, updateEvent: unused, deleteEvent: unused,
  };
}

const options = { window: { start: new Date('2031-03-01T00:00:00Z'), end: new Date('2031-04-01T00:00:00Z') }, floatingZone: 'UTC', rereadAll: false, allowEmpty: true, now: new Date('2031-03-01T00:00:00Z') };
const batches = [[object('a', event('a', 2)), object('bad', 'BEGIN:VCALENDAR\r\nnot iCalendar')], [object('c', event('c', 3))]];

describe('gatherIcloud with a side that reads in batches', () => {
  for (const stream of [true, false]) {
    it(`takes every object once, in the order read (${stream ? 'handed over batch by batch' : 'returned whole'})`, async () => {
      const changes = await gatherIcloud(side(batches, stream), new IcsCodec(), initialState(), [{ url: cal, source: 'linked' }], options);
      expect(changes.changed.map((c) => c.href)).toEqual([`${cal}a.ics`, `${cal}c.ics`]);
      expect(changes.changed[0]).toMatchObject({ etag: '"a"', uid: 'a', occurrences: [expect.objectContaining({ key: 'a', title: 'a' })] });
      expect(changes.failures.map((f) => f.href)).toEqual([`${cal}bad.ics`, `${cal}late.ics`]);
      // Every href read, failed or left out is one the cursor's commit waits on.
      expect(changes.calendars?.[0].hrefs.sort()).toEqual([`${cal}a.ics`, `${cal}bad.ics`, `${cal}c.ics`, `${cal}late.ics`]);
    });
  }
});
