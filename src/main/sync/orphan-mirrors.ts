// Clean-up after lost state (issue 13): the state file set aside as unreadable, or a reinstall, leaves
// the copies the app made without a pair, so clean-up.ts (which reads the pairs) cannot see them. Our
// iCloud mirrors carry a mark of their own — a UID `<uuid>@icloud-sync-companion` (mirror-ids.ts)
// whose uuid is a hash of the appointment id the mirror carries — so the linked calendar (and each
// location's own calendar, issue 15) is listed in full and every object so marked that no pair knows of is deleted too; a UID that only ends like
// ours (no carried id, or one that does not hash to it) is the user's. Blocked slots carry no such mark (the platform keeps only a title, a user
// and the times of one), so a slot no pair knows of cannot be told from one the user made: it stays.
import type { IcsCodec } from '../icloud';
import type { PairRecord } from '../store/pair-record';
import type { State } from '../store/state-schema';
import { appointmentCalendars } from '../store/locations';
import { isProvenMirror } from './mirror-ids';
import type { Operation } from './operations';
import { MIRROR_PLATFORM_ID } from './plan-input';
import type { IcloudPort } from './ports';

const reason = 'removing the copies this app made (found by its mark; no pair knew of it)';

export async function orphanMirrorDeletions(icloud: IcloudPort, codec: IcsCodec, state: State, floatingZone: string): Promise<Operation[]> {
  const paired = new Set(Object.values(state.pairs).flatMap((pair) => (pair.icloud ? [pair.icloud.href] : [])));
  const ops: Operation[] = [];
  for (const calendarUrl of appointmentCalendars(state)) ops.push(...(await orphansIn(icloud, codec, calendarUrl, paired, floatingZone)));
  return ops;
}

async function orphansIn(icloud: IcloudPort, codec: IcsCodec, calendarUrl: string, paired: Set<string>, floatingZone: string): Promise<Operation[]> {
  // No cursor and nothing known: the whole calendar, every object with its data.
  const listing = await icloud.fetchChanges(calendarUrl, {}, []);
  const ops: Operation[] = [];
  for (const object of [...listing.created, ...listing.updated]) {
    if (paired.has(object.href)) continue;
    const parsed = codec.parse(object.data, { floatingZone, source: object.href });
    // An object we cannot read is not provably ours: left alone.
    if (!parsed.ok) continue;
    const master = parsed.object.events[0];
    if (!master || !parsed.object.events.every((event) => isProvenMirror(event.uid, event.xProps[MIRROR_PLATFORM_ID]))) continue;
    const pair: PairRecord = {
      key: object.href, owner: 'platform', status: 'synced', title: master.title, start: master.start.iso, end: master.end.iso,
      allDay: master.allDay, platformKind: 'appointment', hashes: {}, updatedAt: new Date(0).toISOString(),
      // Deleted only as it is now (If-Match): an object changed since the listing is refused, not forced.
      icloud: { href: object.href, etag: object.etag, uid: master.uid, calendarUrl, source: 'linked' },
    };
    ops.push({ type: 'icloud.delete', rule: 'item', key: object.href, title: master.title, reason, pair });
  }
  return ops;
}
