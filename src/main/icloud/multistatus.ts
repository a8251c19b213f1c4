// A small reader for the one shape of 207 answer that is large: calendar-multiget and sync-collection
// (multistatus › response › href, status, propstat › prop › leaf values, and a sync-token). Why not
// tsdav's parse (xml-js) for these: it builds a generic tree of the whole answer, converts every text
// to a number where it can, and hangs that tree on every response; on a first sync of 5,000 events
// it was a quarter of the read (issue 16). This walks the text once with indexOf and keeps only the
// leaf values, as strings of their own (see `owned`).
// Anything outside that shape — a DOCTYPE, an element it does not know, a prop with children, an
// entity it does not know, tags that do not match — makes it give up (undefined), and the caller
// reads the answer through tsdav instead: never a guess. Element names are matched without their
// namespace prefix, as tsdav does.
import { owned } from './owned-string';

/** One <response>, in the form of tsdav's DAVResponse for the fields the sync reads. */
export interface MultistatusResponse {
  href?: string;
  /** The response's own status line, else the reply's (207), as tsdav gives it. */
  status: number;
  ok: boolean;
  /** Leaf props of the propstats that succeeded (or carry no status), camel-cased: getetag, calendarData. */
  props: Record<string, string>;
}

export interface Multistatus {
  responses: MultistatusResponse[];
  syncToken?: string;
}

/** Where a text is captured, by element path (local names, from below multistatus). */
type Slot = 'href' | 'status' | 'propstat-status' | 'prop' | 'sync-token' | 'ignored';

interface Building {
  href?: string;
  status?: string;
  props: Record<string, string>;
  propstat?: { status?: string; props: Record<string, string> };
}

/** Which element may open where: the fixed shape. Returns the slot its text goes to, or undefined when unknown. */
function slotFor(path: string[], name: string): Slot | 'container' | undefined {
  const depth = path.length;
  if (depth === 0) return name === 'multistatus' ? 'container' : undefined;
  const parent = path[depth - 1];
  if (depth === 1) return name === 'response' ? 'container' : name === 'sync-token' ? 'sync-token' : name === 'responsedescription' ? 'ignored' : undefined;
  if (parent === 'response' && depth === 2) {
    if (name === 'href' || name === 'status') return name;
    if (name === 'propstat') return 'container';
    return name === 'responsedescription' ? 'ignored' : undefined;
  }
  if (parent === 'propstat' && depth === 3) {
    if (name === 'prop') return 'container';
    if (name === 'status') return 'propstat-status';
    return name === 'responsedescription' ? 'ignored' : undefined;
  }
  if (parent === 'prop' && depth === 4) return 'prop';
  return undefined;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character references and the five named entities; undefined on any other. */
function decode(text: string): string | undefined {
  if (!text.includes('&')) return text;
  // Radicale writes every CR of an ICS as &#13;: done natively first, the rest (if any) one by one.
  const crs = text.replaceAll('&#13;', '\r');
  if (!crs.includes('&')) return crs;
  let unknown = false;
  const out = crs.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) return (unknown = true), whole;
    if (ref in entities) return entities[ref];
    const code = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : ref.startsWith('#') ? Number(ref.slice(1)) : Number.NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return (unknown = true), whole;
    return String.fromCodePoint(code);
  });
  return unknown ? undefined : out;
}

function statusOf(line: string | undefined): number | undefined {
  const match = /^\S+\s+(\d{3})(?:\s|$)/.exec(line ?? '');
  return match ? Number(match[1]) : undefined;
}

const camel = (name: string) => name.replace(/[-_]+(\w?)/g, (_m, c: string) => c.toUpperCase());
const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

/** Parse a 207 body of the fixed shape; undefined when it is anything else (the caller uses tsdav). */
export function parseMultistatus(xml: string, replyStatus = 207): Multistatus | undefined {
  const path: string[] = [];
  const slots: Array<Slot | 'container'> = [];
  const result: Multistatus = { responses: [] };
  let response: Building | undefined;
  let text: string[] | undefined; // the open leaf's text parts
  let seenRoot = false;
  let i = 0;

  const close = (name: string): boolean => {
    const slot = slots.pop();
    path.pop();
    if (slot !== 'container') {
      const value = text === undefined ? '' : text.join('').trim();
      text = undefined;
      if (slot === 'sync-token') result.syncToken = owned(value);
      else if (slot === 'href') {
        if (response!.href !== undefined) return false; // several hrefs in one response: not our shape
        response!.href = owned(value);
      } else if (slot === 'status') response!.status = value;
      else if (slot === 'propstat-status') response!.propstat!.status = value;
      else if (slot === 'prop') response!.propstat!.props[camel(name)] = owned(value);
      return true;
    }
    if (name === 'propstat') {
      const propstat = response!.propstat!;
      const status = statusOf(propstat.status);
      if (status === undefined || (status >= 200 && status < 300)) Object.assign(response!.props, propstat.props);
      response!.propstat = undefined;
    } else if (name === 'response') {
      const status = statusOf(response!.status) ?? replyStatus;
      result.responses.push({ ...(response!.href !== undefined ? { href: response!.href } : {}), status, ok: status >= 200 && status < 300, props: response!.props });
      response = undefined;
    }
    return true;
  };

  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (chunk.trim() !== '') {
      if (text === undefined) return undefined; // text where the shape has none
      const decoded = decode(chunk);
      if (decoded === undefined) return undefined;
      text.push(decoded);
    }
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0 || path.length > 0) return undefined;
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0 || text === undefined) return undefined;
      text.push(xml.slice(lt + 9, end));
      i = end + 3;
    } else if (xml[lt + 1] === '!') {
      return undefined; // a DOCTYPE (entities of its own): not for a small reader
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      if (end < 0) return undefined;
      const name = localName(xml.slice(lt + 2, end).trim());
      if (path[path.length - 1] !== name || !close(name)) return undefined;
      i = end + 1;
    } else {
      const end = xml.indexOf('>', lt);
      if (end < 0) return undefined;
      const tag = xml.slice(lt + 1, end);
      if (/["']/.test(tag.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined; // a '>' inside a quoted attribute
      const selfClosing = tag.endsWith('/');
      const name = localName(/^[^\s/]+/.exec(tag)?.[0] ?? '');
      if (text !== undefined) return undefined; // an element inside a leaf (a prop with children)
      const slot = name === '' ? undefined : slotFor(path, name);
      if (slot === undefined || (path.length === 0 && seenRoot)) return undefined;
      seenRoot = true;
      if (name === 'response') response = { props: {} };
      if (name === 'propstat') response!.propstat = { props: {} };
      path.push(name);
      slots.push(slot);
      if (slot !== 'container') text = [];
      if (selfClosing && !close(name)) return undefined;
      i = end + 1;
    }
  }
  return seenRoot && path.length === 0 ? result : undefined;
}
