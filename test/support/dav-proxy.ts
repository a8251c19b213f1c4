// A small HTTP proxy on 127.0.0.1 in front of Radicale, for what Radicale cannot do by itself:
// - faults: a share of requests answered 503 or cut without an answer (the fault test);
// - rewrites: change an answer on the way back, e.g. mark a collection as a subscribed (webcal)
//   calendar, which Radicale 3.1 does not support (S16).
// It counts what it forwarded, so tests can check that a fault actually happened.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyFaults {
  /** 0..1: share of requests answered 503 before reaching Radicale. */
  errorRate?: number;
  /** 0..1: share of requests whose connection is destroyed (before or after Radicale handled it). */
  dropRate?: number;
  /** Retry-After header (seconds) sent with the injected 503s; none by default. */
  retryAfter?: string;
  random?: () => number;
}

/** Rewrites an answer body (text) for one request; return undefined to leave it alone. */
export type ResponseRewrite = (request: { method: string; path: string; body: string }, response: string) => string | undefined;

/** Answers a request in place of Radicale (return undefined to forward it). */
export type Intercept = (request: { method: string; path: string; depth?: string; body: string }) =>
  | { status: number; body: string; headers?: Record<string, string> }
  | undefined;

export interface DavProxy {
  url: string;
  faults: ProxyFaults;
  rewrites: ResponseRewrite[];
  intercepts: Intercept[];
  stats: { forwarded: number; failed: number; dropped: number };
  stop(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startDavProxy(target: string, faults: ProxyFaults = {}): Promise<DavProxy> {
  const upstream = new URL(target);
  const proxy: Omit<DavProxy, 'url' | 'stop'> = { faults, rewrites: [], intercepts: [], stats: { forwarded: 0, failed: 0, dropped: 0 } };
  const random = () => (proxy.faults.random ?? Math.random)();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const roll = random();
    const { errorRate = 0, dropRate = 0 } = proxy.faults;
    if (roll < dropRate / 2) {
      // Lost before the server saw it.
      proxy.stats.dropped += 1;
      return void req.socket.destroy();
    }
    if (roll >= dropRate && roll < dropRate + errorRate) {
      proxy.stats.failed += 1;
      const retryAfter = proxy.faults.retryAfter ? { 'Retry-After': proxy.faults.retryAfter } : {};
      res.writeHead(503, { 'Content-Type': 'text/plain', ...retryAfter });
      return void res.end('Injected failure');
    }
    for (const intercept of proxy.intercepts) {
      const depth = typeof req.headers.depth === 'string' ? req.headers.depth : undefined;
      const answer = intercept({ method: req.method ?? 'GET', path: req.url ?? '/', depth, body: body.toString('utf8') });
      if (answer) {
        res.writeHead(answer.status, { 'Content-Type': 'application/xml; charset=utf-8', ...answer.headers });
        return void res.end(answer.body);
      }
    }
    const headers = { ...req.headers, host: upstream.host };
    delete headers['accept-encoding']; // keep answers plain so rewrites can read them
    const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const out = httpRequest(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
        (upstreamRes) => readAll(upstreamRes).then((data) => resolve({ status: upstreamRes.statusCode ?? 502, headers: upstreamRes.headers, body: data }), reject),
      );
      out.on('error', reject);
      out.end(body);
    });
    proxy.stats.forwarded += 1;
    if (roll >= dropRate / 2 && roll < dropRate) {
      // Handled by the server, answer lost: the case that makes a write's outcome unknown.
      proxy.stats.dropped += 1;
      return void req.socket.destroy();
    }
    let out: Buffer = answer.body;
    for (const rewrite of proxy.rewrites) {
      const changed = rewrite({ method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8') }, out.toString('utf8'));
      if (changed !== undefined) out = Buffer.from(changed, 'utf8');
    }
    const outHeaders = { ...answer.headers };
    delete outHeaders['transfer-encoding'];
    outHeaders['content-length'] = String(out.length);
    res.writeHead(answer.status, outHeaders);
    res.end(out);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // The same object the handler reads, so tests can change `faults` (and the lists) while it runs.
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * A rewrite that makes Radicale's collection at `path` look like an iCloud subscribed (webcal)
 * calendar: its resourcetype becomes CS:subscribed instead of C:calendar.
 */
export function markSubscribed(path: string): ResponseRewrite {
  return (_request, response) => {
    if (!response.includes(path)) return undefined;
    // Radicale answers one <response> per collection; only touch the one whose href is `path`.
    return response.replace(/<(\w+:)?response>[\s\S]*?<\/(\w+:)?response>/g, (block) => {
      if (!new RegExp(`<(\\w+:)?href>${escapeRegExp(path)}</(\\w+:)?href>`).test(block)) return block;
      return block.replace(/<(\w+:)?calendar\s*\/>/, '<CS:subscribed xmlns:CS="http://calendarserver.org/ns/" />');
    });
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
