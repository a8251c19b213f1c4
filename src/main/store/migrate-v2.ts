// State schema 2 → 3 (issue 15: several platform locations). Version 2 had one `accounts.platform`
// and its calendars in `links.platformCalendars`; version 3 keeps every location in
// `accounts.platforms`, by location id, each with its own synced calendars. Nothing else moves: the
// one location becomes the location with plain keys (no `pairSuffix`), so every pair keeps its key
// and every intent its name, and a pair or intent that names no location is that one's (locations.ts).
type Doc = Record<string, unknown>;

export function migrateV2ToV3(doc: Doc): Doc {
  const { platform, ...accounts } = (doc.accounts ?? {}) as { platform?: { locationId: string } & Doc } & Doc;
  const { platformCalendars = null, ...links } = (doc.links ?? {}) as { platformCalendars?: string[] | null } & Doc;
  const platforms = platform ? { [platform.locationId]: { ...platform, calendars: platformCalendars } } : {};
  return { ...doc, accounts: { ...accounts, platforms }, links };
}
