// A mirror's iCloud file name and UID are derived from the appointment id, so creating it again after
// a crash hits the same <uuid>.ics (If-None-Match: *) instead of making a duplicate (DESIGN §3).
import { createHash } from 'node:crypto';

export function mirrorUuid(platformId: string): string {
  const hex = createHash('sha256').update(`appointment:${platformId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Every mirror's UID ends so (and only ours do): clean-up finds mirrors by it when state was lost. */
export const MIRROR_UID_SUFFIX = '@icloud-sync-companion';

export function mirrorUid(platformId: string): string {
  return `${mirrorUuid(platformId)}${MIRROR_UID_SUFFIX}`;
}

export function isMirrorUid(uid: string): boolean {
  return uid.endsWith(MIRROR_UID_SUFFIX);
}

/**
 * Proof that an event is a mirror we wrote, for deleting it without a pair: its UID is exactly the
 * one derived (a hash) from the appointment id it carries. A UID that merely ends like ours (typed,
 * imported, copied by another tool) is not proof.
 */
export function isProvenMirror(uid: string, platformId: string | undefined): boolean {
  return platformId !== undefined && platformId !== '' && uid === mirrorUid(platformId);
}
