// The window's preview (sync.preview) attacked with proposed values it should never act on, against
// Radicale + the emulator: a calendar that is not one of the account's (another server: the preview
// would read it with the user's iCloud credentials), a busy source of another account, and settings
// of the wrong shape or size (the IPC contract refuses them before any read).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/ipc/contract';
import { inWorld, skipWithoutRadicale } from './helpers';

describe.skipIf(skipWithoutRadicale)('sync.preview, attacked', () => {
  it('refuses a proposed calendar that is not one of the account\'s, sending nothing to it', async () => {
    const seen: string[] = [];
    const elsewhere = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
      response.writeHead(207, { 'content-type': 'application/xml' }).end('<multistatus xmlns="DAV:"/>');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const foreign = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/stolen/`;
    try {
      await inWorld({}, async (world) => {
        const preview = world.services.handlers['sync.preview'];
        await expect(preview({ links: { icloud: foreign, busy: [], platformCalendars: [] } })).rejects.toThrow(/is not one of your iCloud calendars/);
        await expect(preview({ links: { icloud: world.linkedUrl, busy: [foreign], platformCalendars: [] } })).rejects.toThrow(/is not one of your iCloud calendars/);
        await expect(preview({ links: { icloud: world.linkedUrl, busy: [], platformCalendars: ['cal-of-someone-else'] } })).rejects.toThrow(/is not a calendar of this location/);
        expect(seen).toEqual([]);
        // The account's own calendars are previewed, and nothing is saved.
        const before = await world.services.state.read();
        const report = await preview({ links: { icloud: world.linkedUrl, busy: [], platformCalendars: [] } });
        expect(report.dryRun).toBe(true);
        expect((await world.services.state.read()).links).toEqual(before.links);
      });
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it('the contract refuses proposed settings of the wrong shape or size before anything is read', () => {
    const schema = contract['sync.preview'].request;
    const refused = [
      { settings: { futureDays: -1 } },
      { settings: { futureDays: 1e9 } },
      { settings: { pastDays: '30' } },
      { settings: { futureDays: 30.5 } },
      { settings: { conflictPolicy: 'whatever' } },
      { settings: { blockTitles: 'x'.repeat(1_000_000) } },
      { settings: { notASetting: true } },
      { links: { icloud: 'x'.repeat(10_000), busy: [], platformCalendars: [] } },
      { links: { icloud: 'a', busy: Array.from({ length: 1000 }, (_, i) => `b${i}`), platformCalendars: [] } },
      { links: { icloud: 'a', busy: [], platformCalendars: [], extra: 1 } },
      [],
      'preview',
    ];
    for (const request of refused) expect(schema.safeParse(request).success, JSON.stringify(request).slice(0, 80)).toBe(false);
  });
});
