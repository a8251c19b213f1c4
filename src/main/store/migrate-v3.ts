// State schema 3 → 4 (issue 15: a location's own iCloud calendar). Version 4 only adds what a state of
// version 3 never has — a location's `icloudCalendar` (absent: the linked calendar, where every
// appointment went) and a pair's `movedFrom` — so nothing moves: every pair keeps its key, its copy
// and its calendar, and the next sync makes no create, delete or adoption.
type Doc = Record<string, unknown>;

export function migrateV3ToV4(doc: Doc): Doc {
  return { ...doc };
}
