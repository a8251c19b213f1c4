// The platform's HTTP client: node:http(s) over one keep-alive agent, in place of the global fetch.
// Why: a first sync sends thousands of small JSON requests (one create per iCloud event); through
// fetch (undici) each leaves streams, a Request, a Response and their controllers to collect, and at
// 10,000 events that garbage kept the process's peak RSS ~80 MB higher (issue 16). Here one exchange
// is one ClientRequest and one body string.
// What it keeps of fetch's contract, so the transport classifies failures as before:
// - init.signal aborts the whole exchange (connect, send, body) and rejects with the signal's reason
//   (a TimeoutError for AbortSignal.timeout);
// - a socket failure rejects with node's error, whose `code` (ECONNREFUSED, ECONNRESET, …) the
//   transport reads to tell "never sent" from "maybe acted on";
// - redirects are never followed (the bearer token must not go to another address): a 3xx comes back
//   as it is, and the transport refuses it;
// - gzip answers are decompressed (fetch asked for them too);
// - an address with a user name or password in it is refused, as fetch refuses it.
import http from 'node:http';
import https from 'node:https';
import { gunzip } from 'node:zlib';
import type { PlatformResponse } from './transport';

export interface HttpFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export type HttpFetch = (url: string, init: HttpFetchInit) => Promise<PlatformResponse>;

/**
 * Sockets stay open between requests (a cycle sends them back to back); an idle one is closed after
 * this long, under the 5 s most servers keep theirs, so we rarely reuse one the server is closing.
 */
const IDLE_SOCKET_MS = 4_000;

export function createHttpFetch(): HttpFetch {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  return (url, init) => {
    const target = new URL(url);
    const protocol = target.protocol as keyof typeof agents;
    if (!(protocol in agents)) return Promise.reject(new TypeError(`Not an http(s) address: ${target.protocol}`));
    // As fetch does: node:http would send a user name and password written into the address as Basic
    // credentials beside the token. The address is never repeated (it holds the secret).
    if (target.username || target.password) {
      return Promise.reject(new TypeError('Request cannot be constructed from a URL that includes credentials'));
    }
    return exchange(protocol === 'https:' ? https : http, agents[protocol], target, init);
  };
}

let shared: HttpFetch | undefined;

/** The process's one platform client: its sockets serve every cycle and every location. */
export function defaultHttpFetch(): HttpFetch {
  shared ??= createHttpFetch();
  return shared;
}

function exchange(client: typeof http | typeof https, agent: http.Agent, target: URL, init: HttpFetchInit): Promise<PlatformResponse> {
  const { signal } = init;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const headers: Record<string, string> = { 'Accept-Encoding': 'gzip', ...init.headers };
    if (body) headers['Content-Length'] = String(body.length);
    const request = client.request(target, { method: init.method ?? 'GET', headers, agent });
    const onAbort = () => request.destroy(signal!.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (error: Error | undefined, response?: PlatformResponse) => {
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(response!);
    };
    request.on('error', (error) => settle(error));
    request.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', (error) => settle(error));
      // A connection cut in the middle of the body: the same failure as one cut before it.
      incoming.on('close', () => {
        if (!incoming.complete) settle(Object.assign(new Error('the connection was cut during the answer'), { code: 'ECONNRESET' }));
      });
      incoming.on('end', () => {
        const raw = Buffer.concat(chunks);
        const answer = (text: string) => settle(undefined, { status: incoming.statusCode ?? 0, headers: headersOf(incoming.rawHeaders), text: () => Promise.resolve(text) });
        if (incoming.headers['content-encoding'] !== 'gzip') return answer(raw.toString('utf8'));
        gunzip(raw, (error, plain) => (error ? settle(error) : answer(plain.toString('utf8'))));
      });
    });
    request.end(body);
  });
}

function headersOf(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}
