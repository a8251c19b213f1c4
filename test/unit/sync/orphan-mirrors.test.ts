// Clean-up's search by mark (orphan-mirrors.ts): the linked calendar's objects whose every UID ends in
// @icloud-sync-companion and that no pair knows of — never a paired mirror (clean-up.ts has it
// already), never another app's event, never an object that cannot be read.
import { expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { initialState } from '../../../src/main/store/state-schema';
import { mirrorUid } from '../../../src/main/sync/mirror-ids';
import { orphanMirrorDeletions } from '../../../src/main/sync/orphan-mirrors';
import { MemoryIcloud, MEMORY_CALENDAR } from '../../support/memory-sides';

/** A mirror carries the appointment id its UID is derived from (generate.ts). */
const mirror = (platformId: string, title: string, uid = mirrorUid(platformId)) => ics(uid, title, [`X-ICLOUDSYNC-PLATFORM-ID:${platformId}`]);
const ics = (uid: string, title: string, extra: string[] = []) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, ...extra, 'DTSTAMP:20300101T000000Z',
  'DTSTART:20300110T100000Z', 'DTEND:20300110T110000Z', `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

it('finds the unpaired mirrors of the linked calendar by their UID mark, and only those', async () => {
  const icloud = new MemoryIcloud();
  const orphan = icloud.userPut(MEMORY_CALENDAR, 'a.ics', mirror('appt-1', 'Orphan mirror'));
  const paired = icloud.userPut(MEMORY_CALENDAR, 'b.ics', mirror('appt-2', 'Paired mirror'));
  icloud.userPut(MEMORY_CALENDAR, 'own.ics', ics('own-1', 'My own event'));
  icloud.userPut(MEMORY_CALENDAR, 'lookalike.ics', ics('icloud-sync-companion-fan', 'Mentions us'));
  // UIDs that merely end like ours: typed or imported by the user, or carrying an id they do not hash from.
  icloud.userPut(MEMORY_CALENDAR, 'resembles.ics', ics('birthday@icloud-sync-companion', 'Birthday'));
  icloud.userPut(MEMORY_CALENDAR, 'resembles-uuid.ics', ics(mirrorUid('appt-9'), 'Copied by another tool'));
  icloud.userPut(MEMORY_CALENDAR, 'wrong-id.ics', mirror('appt-8', 'Id does not match', mirrorUid('appt-7')));
  icloud.userPut(MEMORY_CALENDAR, 'broken.ics', `BEGIN:VCALENDAR\r\nUID:${mirrorUid('appt-3')}\r\n`);
  icloud.userPut('mem://icloud/alice/other/', 'c.ics', mirror('appt-4', 'In another calendar'));

  const state = initialState();
  state.links.icloudCalendar = MEMORY_CALENDAR;
  state.pairs['appt-2'] = {
    key: 'appt-2', owner: 'platform', status: 'synced', title: 'Paired mirror', start: '2030-01-10T10:00:00Z', end: '2030-01-10T11:00:00Z', allDay: false,
    platformId: 'appt-2', platformKind: 'appointment', hashes: {}, updatedAt: '2030-01-01T00:00:00Z',
    icloud: { href: paired, etag: icloud.objects.get(paired)!.etag, uid: mirrorUid('appt-2'), calendarUrl: MEMORY_CALENDAR, source: 'linked' },
  };

  const ops = await orphanMirrorDeletions(icloud, new IcsCodec(), state, 'UTC');
  expect(ops.map((op) => ({ type: op.type, title: op.title }))).toEqual([{ type: 'icloud.delete', title: 'Orphan mirror' }]);
  const [op] = ops;
  // Deleted only as listed (its etag), so a mirror edited since is refused, not forced.
  expect(op.type === 'icloud.delete' && op.pair.icloud).toMatchObject({ href: orphan, etag: icloud.objects.get(orphan)!.etag });
});

it('with no linked calendar there is nothing to list', async () => {
  const icloud = new MemoryIcloud();
  expect(await orphanMirrorDeletions(icloud, new IcsCodec(), initialState(), 'UTC')).toEqual([]);
  expect(icloud.requests).toBe(0);
});
