// The executor records state in batches (a large first sync was quadratic when state.json was
// rewritten after every operation), but a blocked-slot create — the one write that is not idempotent —
// always has its intent on disk before the request is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEngine, MEMORY_CALENDAR } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('executor-')));
afterEach(() => cleanup());

const now = () => new Date('2031-03-01T00:00:00Z');
const event = (i: number) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', `UID:ev${i}`, 'DTSTAMP:20310101T000000Z',
    `DTSTART:203103${String(2 + i).padStart(2, '0')}T100000Z`, `DTEND:203103${String(2 + i).padStart(2, '0')}T110000Z`, `SUMMARY:Event ${i}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('executor records', () => {
  it('writes the intent of every blocked-slot create to disk before its request, and records everything at the end', async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    for (let i = 0; i < 5; i++) engine.icloud.userPut(MEMORY_CALENDAR, `ev${i}.ics`, event(i));
    const intentsOnDiskAtCreate: boolean[] = [];
    let creates = 0;
    engine.platform.beforeRequest = (what) => {
      if (what !== 'createBlockSlot') return;
      const onDisk = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { intents: Record<string, unknown> };
      // Keyed by the item (calendar + href), not the UID (issue 10).
      intentsOnDiskAtCreate.push(Object.keys(onDisk.intents).includes(`${MEMORY_CALENDAR}ev${creates++}.ics`));
    };
    const report = await engine.sync();
    expect(report.counts.platform.created).toBe(5);
    expect(intentsOnDiskAtCreate).toEqual([true, true, true, true, true]);
    const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { intents: object; pairs: unknown[] };
    expect(saved.intents).toEqual({});
    expect(Object.keys(saved.pairs)).toHaveLength(5);
  });
});
