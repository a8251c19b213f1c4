// The planner's last step: what was read from iCloud becomes operations too (DESIGN §2: the executor
// is the only writer). Each object read this cycle is recorded with the first operation decided from
// it — in the same write as that pair — or on its own when nothing else was to be done for it; objects
// iCloud no longer lists are forgotten; each calendar's cursor is committed last (the executor skips it
// when something read there failed), then the day and settings the events were judged with. (When
// each location's whole window of blocked slots was listed is recorded by the cycle: platform.read.)
import type { Operation } from './operations';
import type { PlanInput } from './plan-input';

/** The iCloud object an operation concerns (its event's href), if any. */
export function hrefOf(op: Operation): string | undefined {
  if ('ref' in op && op.ref) return op.ref.href;
  if ('pair' in op) return op.pair.icloud?.href;
  return undefined;
}

/** The iCloud calendar an operation writes to, if it writes to iCloud. */
function calendarsWrittenTo(op: Operation): string[] {
  if (op.type === 'icloud.move') return [op.calendarUrl, op.pair.icloud?.calendarUrl, op.pair.movedFrom?.calendarUrl].filter((url): url is string => url !== undefined);
  const url = calendarWrittenTo(op);
  return url === undefined ? [] : [url];
}

function calendarWrittenTo(op: Operation): string | undefined {
  if (op.type === 'icloud.create') return op.calendarUrl;
  if (op.type === 'icloud.update' || op.type === 'icloud.updateFromBlock' || op.type === 'icloud.delete') return op.pair.icloud?.calendarUrl;
  return undefined;
}

export function withReadRecords(ops: Operation[], input: Pick<PlanInput, 'icloud' | 'judgedWith' | 'location'>): Operation[] {
  const unrecorded = new Map(input.icloud.changed.map((change) => [change.href, change]));
  const out: Operation[] = [];
  for (const op of ops) {
    const href = hrefOf(op);
    const change = href === undefined ? undefined : unrecorded.get(href);
    if (!change) {
      out.push(op);
      continue;
    }
    unrecorded.delete(change.href);
    out.push({ ...op, seen: { href: change.href, record: { etag: change.etag, calendarUrl: change.calendarUrl, uid: change.uid, recurring: change.recurring } } });
  }
  for (const change of unrecorded.values()) {
    const record = { etag: change.etag, calendarUrl: change.calendarUrl, uid: change.uid, recurring: change.recurring };
    out.push({ type: 'object.seen', rule: 'read', key: change.href, title: '', object: { href: change.href, record } });
  }
  for (const href of input.icloud.deleted) out.push({ type: 'object.gone', rule: 'read', key: href, title: '', href });
  const unreadableIn = new Set(input.icloud.failures.map((failure) => failure.calendarUrl));
  const written = new Set(ops.flatMap(calendarsWrittenTo));
  for (const calendar of input.icloud.calendars ?? []) {
    // An object that could not be read is read again next cycle only if the cursor stays where it was.
    if (unreadableIn.has(calendar.url)) continue;
    out.push({
      type: 'cursor.commit', rule: 'read', key: calendar.url, title: '', calendarUrl: calendar.url, cursor: calendar.cursor,
      hrefs: calendar.hrefs, settle: written.has(calendar.url),
    });
  }
  if (input.location) out.push({ type: 'location.read', rule: 'read', key: 'location', title: '', facts: input.location });
  if (input.judgedWith !== undefined) out.push({ type: 'window.judged', rule: 'read', key: 'window', title: '', judgedWith: input.judgedWith });
  return out;
}
