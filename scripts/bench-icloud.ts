// Benchmarks of the iCloud side (`npm run bench:icloud`), printing one line per figure:
//   icloud-codec: <ms> ms for 5000 events      parse + expand (10 % recurring) + hash; goal ≤ 1000 ms
//   icloud-delta: <n> requests for 5000 events  a no-change check against Radicale; goal 1 request
import { performance } from 'node:perf_hooks';
import { IcsCodec } from '../src/main/icloud/codec';
import { IcloudSource } from '../src/main/icloud';
import { RequestCounter } from '../src/main/request-counter';
import { radicaleCommand, startRadicale } from '../test/support/radicale';

const EVENTS = 5000;
const appleId = 'bench@example.com';
const password = 'benc-hpas-swor-dabc';

const zones = ['Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
const vtimezone: Record<string, string> = {};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** iCloud-shaped objects: a VTIMEZONE, X-APPLE props, an alarm; every 10th a weekly series with an EXDATE and an override. */
function makeEvent(i: number, codec: IcsCodec): string {
  const zone = zones[i % zones.length];
  vtimezone[zone] ??= codec.zones.vtimezoneText(zone) ?? '';
  const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000);
  const date = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
  const hour = 8 + (i % 9);
  const recurring = i % 10 === 0;
  const uid = `bench-${i}`;
  const master = [
    'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', 'CREATED:20250101T000000Z', 'LAST-MODIFIED:20250101T000000Z',
    `DTSTART;TZID=${zone}:${date}T${pad(hour)}0000`, `DTEND;TZID=${zone}:${date}T${pad(hour + 1)}0000`,
    `SUMMARY:Benchmark event ${i} with a reasonably long title`, `DESCRIPTION:Notes for event ${i}\\nSecond line`,
    'LOCATION:Somewhere 1', 'SEQUENCE:0', 'TRANSP:OPAQUE', 'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC',
    ...(recurring ? ['RRULE:FREQ=WEEKLY;COUNT=52', `EXDATE;TZID=${zone}:${date}T${pad(hour)}0000`] : []),
    'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT15M', 'END:VALARM', 'END:VEVENT',
  ];
  const next = new Date(day.getTime() + 7 * 86_400_000);
  const nextDate = `${next.getUTCFullYear()}${pad(next.getUTCMonth() + 1)}${pad(next.getUTCDate())}`;
  const override = recurring
    ? ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', `RECURRENCE-ID;TZID=${zone}:${nextDate}T${pad(hour)}0000`,
       `DTSTART;TZID=${zone}:${nextDate}T${pad(hour + 2)}0000`, `DTEND;TZID=${zone}:${nextDate}T${pad(hour + 3)}0000`,
       `SUMMARY:Benchmark event ${i} (moved)`, 'END:VEVENT']
    : [];
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Apple Inc.//macOS 15.1//EN', 'CALSCALE:GREGORIAN', vtimezone[zone], ...master, ...override, 'END:VCALENDAR', '']
    .join('\r\n');
}

function benchCodec(events: string[]): number {
  const codec = new IcsCodec();
  const window = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-06-07T00:00:00Z') };
  const started = performance.now();
  let occurrences = 0;
  let errors = 0;
  for (let i = 0; i < events.length; i++) {
    const outcome = codec.parse(events[i], { floatingZone: 'America/New_York', source: `bench-${i}.ics` });
    if (!outcome.ok) {
      errors++;
      continue;
    }
    occurrences += codec.expand(outcome.object, window).length;
    codec.hash(outcome.object);
  }
  const elapsed = performance.now() - started;
  if (errors) throw new Error(`${errors} benchmark events failed to parse`);
  if (occurrences === 0) throw new Error('the benchmark window held no occurrences');
  return elapsed;
}

async function benchDelta(events: string[]): Promise<number | undefined> {
  if (!radicaleCommand()) {
    console.warn('NOTICE: Radicale is not installed (apt install radicale): icloud-delta not measured.');
    return undefined;
  }
  // Written straight into Radicale's storage before start: valid, and far faster than 5,000 PUTs.
  const files = Object.fromEntries(events.map((ics, i) => [`bench-${i}.ics`, ics]));
  const server = await startRadicale({ users: { [appleId]: password }, seed: [{ user: appleId, name: 'bench', displayName: 'Bench', events: files }] });
  try {
    const counter = new RequestCounter();
    const source = new IcloudSource({ appleId, caldavUrl: server.url }, password, { counter, timeoutMs: 300_000 });
    const calendar = server.calendarUrl(appleId, 'bench');
    const first = await source.fetchChanges(calendar, {}, []);
    if (first.created.length !== events.length) throw new Error(`initial sync read ${first.created.length} of ${events.length} events`);
    const known = first.created.map(({ href, etag }) => ({ href, etag }));
    counter.reset();
    const again = await source.fetchChanges(calendar, { syncToken: first.newSyncToken, ctag: first.newCtag }, known);
    if (again.created.length + again.updated.length + again.deleted.length !== 0) throw new Error('a no-change check reported changes');
    return counter.snapshot().icloud;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const generator = new IcsCodec();
  const events = Array.from({ length: EVENTS }, (_, i) => makeEvent(i, generator));
  const ms = benchCodec(events);
  console.log(`icloud-codec: ${Math.round(ms)} ms for ${EVENTS} events`);
  const requests = await benchDelta(events);
  if (requests !== undefined) console.log(`icloud-delta: ${requests} requests for ${EVENTS} events`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
