// State files written by older engines — schema 1 (test/fixtures/state/v1-main.json), schema 2
// before several locations (v2-main.json) and schema 3 before a location could have its own iCloud
// calendar (v3-main.json) — are migrated on read, and the next sync
// against the servers they describe makes no duplicate, deletes nothing and finds every pair. The
// world is rebuilt from each fixture: the same files in Radicale (the same UIDs, hrefs and times) and
// the same events, under the same ids, on the emulator.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { migrate } from '../../../src/main/store/migrations';
import { decodeState, diskStateSchema } from '../../../src/main/store/state-disk';
import { STATE_SCHEMA_VERSION } from '../../../src/main/store/state-schema';
import { icsEvent } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, mirrorsIn, skipWithoutRadicale } from './helpers';

const codec = new IcsCodec();

/** Schemas 1 and 2 name the one platform account `accounts.platform`; schema 3 keeps them by id in `accounts.platforms`. */
interface OldFile { schemaVersion: number; accounts: { icloud: { caldavUrl: string }; platform?: PlatformFacts; platforms?: Record<string, PlatformFacts> } }
interface PlatformFacts { apiUrl: string; locationId: string }
const onlyPlatform = (old: OldFile): PlatformFacts => old.accounts.platform ?? Object.values(old.accounts.platforms ?? {})[0]!;

describe.skipIf(skipWithoutRadicale)('an older state file, migrated', () => {
  for (const name of ['v1-main.json', 'v2-main.json', 'v3-main.json']) {
    it(`${name}: syncs on without a duplicate, a deletion or a re-adoption: every pair is found again`, async () => {
      const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/state', name), 'utf8');
      const old = JSON.parse(fixture) as OldFile;
      await inWorld({ calendars: ['work', 'family'], busy: ['family'] }, async (world) => {
        const oldDav = new URL(old.accounts.icloud.caldavUrl).origin;
        const newDav = new URL(world.linkedUrl).origin;
        const platform = onlyPlatform(old);
        const text = fixture.replaceAll(oldDav, newDav).replaceAll(platform.apiUrl, world.emulator.url)
          .replaceAll(`"${platform.locationId}"`, `"${world.locationId}"`);
        // The pairs as this engine reads them (the migration chain, then the compact file decoded).
        const migrated = decodeState(diskStateSchema.parse(migrate(JSON.parse(text) as Record<string, unknown>)));
        const pairs = Object.values(migrated.pairs);
        expect(pairs.length).toBeGreaterThan(5);
        expect(pairs.every((pair) => pair.locationId === world.locationId), 'every pair is the one location\'s').toBe(true);
        // The platform side, under the fixture's ids.
        for (const pair of pairs) {
          world.emulator.state.insert({
            id: pair.platformId!, kind: pair.platformKind === 'appointment' ? 'appointment' : 'blocked', locationId: world.locationId,
            ...(pair.platformKind === 'appointment' ? { calendarId: 'cal-rr', contactId: 'contact-1' } : {}),
            assignedUserId: world.userId, users: [], title: pair.title, appointmentStatus: pair.platformKind === 'appointment' ? 'confirmed' : 'new',
            startMs: Date.parse(pair.start), endMs: Date.parse(pair.end),
          });
        }
        // The iCloud side, file by file (a series once, from its first occurrence).
        const calendarName = (url: string) => (url.endsWith('/family/') ? 'family' : 'work');
        const files = new Map<string, typeof pairs>();
        for (const pair of pairs) files.set(pair.icloud!.href, [...(files.get(pair.icloud!.href) ?? []), pair]);
        for (const [href, group] of files) {
          const [first] = group.sort((a, b) => a.start.localeCompare(b.start));
          const file = href.slice(href.lastIndexOf('/') + 1);
          const ics = first.owner === 'platform'
            ? codec.mirror({ uid: first.icloud!.uid, platformId: first.platformId!, title: first.title, start: { iso: first.start }, end: { iso: first.end }, tzid: 'UTC', now: new Date() })
            : icsEvent(first.icloud!.uid, { title: first.title, start: first.start, end: first.end, lines: group.length > 1 ? [`RRULE:FREQ=DAILY;COUNT=${group.length}`] : [] });
          await world.icloud.put(calendarName(first.icloud!.calendarUrl), file, ics);
        }
        writeFileSync(join(world.dataDir, 'state.json'), text);

        const report = await world.sync();
        expect(report.outcome, JSON.stringify(report.error)).toBe('ok');
        expect(report.counts.platform.created, 'blocked slots created').toBe(0);
        expect(report.counts.icloud.created, 'iCloud mirrors created').toBe(0);
        expect(report.counts.platform.deleted + report.counts.icloud.deleted, 'deletions').toBe(0);
        // Found through their migrated pairs, not adopted again as strangers (which a dropped pair would be).
        expect(report.items.filter((item) => item.op === 'adopt'), 'adopted').toEqual([]);
        expect(world.platform.blocks()).toHaveLength(pairs.filter((p) => p.platformKind === 'block').length);
        expect(mirrorsIn(world).size).toBe(pairs.filter((p) => p.platformKind === 'appointment').length);
        expectNoDuplicates(world);
        const after = await world.services.state.read();
        expect(after.schemaVersion).toBe(STATE_SCHEMA_VERSION);
        expect(Object.keys(after.pairs).sort(), 'every pair kept under its key').toEqual(Object.keys(migrated.pairs).sort());
        expect(Object.values(after.pairs).map((p) => p.platformId).sort()).toEqual(pairs.map((p) => p.platformId).sort());
      });
    }, 60_000);
  }
});
