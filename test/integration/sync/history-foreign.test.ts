// A history.json this app cannot read as its own (no schema version, another app's, a newer
// version) costs only the history: it is set aside like an unreadable one (its bytes kept, Status
// says so) and the sync goes on, as undo.json does. Against Radicale + the emulator, through the
// services and the CLI a script runs.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { inWorld, skipWithoutRadicale } from './helpers';

describe.skipIf(skipWithoutRadicale)('a foreign history.json', () => {
  it('is set aside and reported; every sync goes on', async () => {
    for (const foreign of ['{"runs": []}', '{"schemaVersion": 0, "whatever": true}', '{"schemaVersion": 99, "runs": []}']) {
      await inWorld({}, async (world) => {
        await fs.writeFile(path.join(world.dataDir, 'history.json'), foreign);
        const services = world.reopen();
        await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
        const run = await services.sync.run('cli').report;
        expect(run.outcome, `${foreign}: ${JSON.stringify(run.error)}`).toBe('ok');
        expect(world.platform.blocks().map((b) => b.title)).toEqual(['Gym']);
        const aside = (await fs.readdir(world.dataDir)).filter((name) => name.startsWith('history.unreadable-'));
        expect(aside, foreign).toHaveLength(1);
        expect(await fs.readFile(path.join(world.dataDir, aside[0]!), 'utf8')).toBe(foreign);
        expect((await services.status()).notice).toMatch(/history\.json could not be read/);
        // The fresh history holds this run, and the CLI's next sync (a new process's view) goes on.
        expect((await services.history.list()).map((r) => r.id)).toEqual([run.id]);
        await fs.writeFile(path.join(world.dataDir, 'history.json'), foreign);
        const cli = await world.cli(['sync', '--json']);
        expect(cli.code, cli.stderr).toBe(0);
      });
    }
  });
});
