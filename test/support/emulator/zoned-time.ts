// The platform answers with ISO times carrying the location's offset (e.g. 2023-09-25T16:00:00+05:30);
// the emulator does the same so consumers cannot get away with assuming 'Z'.
// One formatter per zone, made once: constructing an Intl.DateTimeFormat costs ~0.2 ms, and every
// event the emulator answers with has two times (at 1,000 blocked-slot creates it was a third of the
// emulator's CPU, which the benchmarks charge to the machine the app is measured on).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function formatInZone(epochMs: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  const local = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
  const wallAsUtc = Date.parse(`${local}Z`);
  const offsetMinutes = Math.round((wallAsUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${offset}`;
}
