// One authenticated connection to a CalDAV server: raw requests through our fetch, XML parsed by
// tsdav's davRequest, and every failing status turned into a SyncError in one place.
import { davRequest, type DAVResponse } from 'tsdav';
import { kindForStatus, parseRetryAfter, SyncError } from '../errors';
import { AUTH_REJECTED_MESSAGE } from './credentials';
import { parseMultistatus, type MultistatusResponse } from './multistatus';

export interface DavReply {
  status: number;
  headers: Headers;
  /** Parsed <d:response> elements of a 207; a single synthetic entry otherwise. */
  responses: DAVResponse[];
}

/** A large REPORT's 207: its responses' leaf props as strings, and the multistatus's sync-token. */
export interface ReportReply {
  status: number;
  headers: Headers;
  responses: MultistatusResponse[];
  syncToken?: string;
}

export interface PlainReply {
  status: number;
  headers: Headers;
  body: string;
}

export class DavSession {
  private readonly authorization: string;
  /** False once a server answered a REPORT outside multistatus.ts's shape: tsdav reads the rest. */
  private fastReports = true;

  constructor(
    readonly fetch: typeof globalThis.fetch,
    username: string,
    password: string,
  ) {
    this.authorization = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
  }

  get authHeaders(): Record<string, string> {
    return { Authorization: this.authorization };
  }

  /** A WebDAV request with an XML body (PROPFIND, REPORT), parsed by tsdav. */
  async xml(url: string, method: 'PROPFIND' | 'REPORT', body: string, headers: Record<string, string> = {}): Promise<DavReply> {
    let last: Response | undefined;
    const capturing = async (input: string | URL | Request, init?: RequestInit) => {
      last = await this.fetch(input, init);
      return last;
    };
    const responses = await davRequest({
      url,
      init: { method, headers: { ...this.authHeaders, 'Content-Type': 'application/xml; charset=utf-8', ...headers }, body },
      convertIncoming: false,
      fetch: capturing as typeof globalThis.fetch,
    });
    if (!last) throw new SyncError('internal', `No response to ${method} ${url}.`, { side: 'icloud' });
    return { status: last.status, headers: last.headers, responses };
  }

  /**
   * A REPORT whose answer is large (calendar-multiget, sync-collection), read by multistatus.ts. An
   * answer outside that reader's shape is asked again through tsdav (a REPORT is safe to repeat), and
   * this session keeps to tsdav from then on, so an unusual server costs one repeated request.
   */
  async report(url: string, body: string, headers: Record<string, string> = {}): Promise<ReportReply> {
    if (this.fastReports) {
      const init = { method: 'REPORT', body, headers: { ...this.authHeaders, 'Content-Type': 'application/xml; charset=utf-8', ...headers } };
      const response = await this.fetch(url, init);
      const text = await response.text();
      if (response.status !== 207) return { status: response.status, headers: response.headers, responses: [] };
      const parsed = response.headers.get('content-type')?.toLowerCase().includes('xml') ? parseMultistatus(text) : undefined;
      if (parsed) return { status: response.status, headers: response.headers, ...parsed };
      this.fastReports = false;
    }
    const reply = await this.xml(url, 'REPORT', body, headers);
    const raw = reply.responses[0]?.raw as { multistatus?: { syncToken?: unknown } } | undefined;
    return { status: reply.status, headers: reply.headers, responses: reply.responses.map(fromTsdav), syncToken: textOf(raw?.multistatus?.syncToken) };
  }

  /** A plain request (GET, PUT, DELETE) with the body read as text. */
  async plain(url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<PlainReply> {
    const response = await this.fetch(url, { method, body, headers: { ...this.authHeaders, ...headers } });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }
}

/**
 * The error for a failing status. 401 is the revoked-password case; throttling keeps Retry-After;
 * `context` says what we were doing, in words.
 */
export function httpError(status: number, context: string, headers?: Headers): SyncError {
  const details = { side: 'icloud' as const, status };
  if (status === 401) return new SyncError('auth', AUTH_REJECTED_MESSAGE, details);
  const kind = kindForStatus(status) ?? 'internal';
  if (kind === 'throttled') {
    const retryAfterMs = parseRetryAfter(headers?.get('retry-after'));
    return new SyncError('throttled', `iCloud is busy (${status}) while ${context}; the app will try again later.`, {
      ...details,
      retryAfterMs,
    });
  }
  if (kind === 'auth') return new SyncError('auth', `iCloud refused access (${status}) while ${context}. Reconnect iCloud with a new app-specific password.`, details);
  if (kind === 'network') return new SyncError('network', `iCloud had a server error (${status}) while ${context}. The app tries again at the next sync.`, details);
  return new SyncError(kind, `iCloud answered ${status} while ${context}.`, details);
}

/** tsdav's response in multistatus.ts's form: leaf props as strings (a prop with children is left out). */
function fromTsdav(response: DAVResponse): MultistatusResponse {
  const props: Record<string, string> = {};
  for (const [name, value] of Object.entries((response.props ?? {}) as Record<string, unknown>)) {
    const text = textOf(value);
    if (text !== undefined) props[name] = text;
  }
  return { ...(response.href !== undefined ? { href: response.href } : {}), status: response.status, ok: response.ok, props };
}

/** Require a 207 Multi-Status; anything else is an error (never an empty listing). */
export function requireMultistatus<R>(reply: { status: number; headers: Headers; responses: R[] }, context: string): R[] {
  if (reply.status !== 207) throw httpError(reply.status, context, reply.headers);
  return reply.responses;
}

/** tsdav turns XML text into numbers, {_cdata}, {_text}: normalise to a string. */
export function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record._cdata === 'string') return record._cdata;
    if (record._text !== undefined) return textOf(record._text);
  }
  return undefined;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:ca="http://apple.com/ns/ical/"';
