// The platform's node:http client (http-fetch.ts) against a real local server: sockets are reused,
// and every failure reaches the transport's classification exactly as the global fetch's did (each
// case is run through both clients and must end alike).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SyncError } from '../../../src/main/errors';
import { createHttpFetch } from '../../../src/main/platform/http-fetch';
import { isOutcomeUnknown } from '../../../src/main/platform/platform-errors';
import { RateLimiter } from '../../../src/main/platform/rate-limiter';
import { Transport, type FetchLike } from '../../../src/main/platform/transport';
import { RequestCounter } from '../../../src/main/request-counter';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let handler: Handler = (_req, res) => res.end('{}');
const connections = new Set<unknown>();
let requestsSeen = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requestsSeen += 1;
    handler(req, res);
  });
  server.on('connection', (socket) => connections.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const noWait = { now: () => Date.now(), sleep: () => Promise.resolve() };

function transport(fetch: FetchLike, timeoutMs = 2_000, url = base) {
  const counter = new RequestCounter();
  const t = new Transport({ baseUrl: url, token: 'tok', fetch, counter, limiter: new RateLimiter(), clock: noWait, timeoutMs, maxAttempts: 2 });
  return { transport: t, counter };
}

const read = { endpoint: 'GET /things', method: 'GET' as const, path: 'things', version: 'v1', schema: z.object({ ok: z.boolean().optional() }).passthrough(), idempotent: true };
const create = { ...read, endpoint: 'POST /things', method: 'POST' as const, body: { a: 1 }, idempotent: false };

/** What the caller sees of one send: the value, or the error's kind, message and whether its outcome is unknown. */
async function outcome(t: Transport, spec: typeof read | typeof create) {
  try {
    return { value: (await t.send(spec)) as unknown };
  } catch (error) {
    const e = error as SyncError;
    return { kind: e.kind, unknown: isOutcomeUnknown(e), message: e.message.replace(/127\.0\.0\.1:\d+/, 'HOST'), status: e.details.status };
  }
}

/**
 * The same case through the global fetch and through http-fetch: both classifications (kind, outcome
 * unknown, status: what the sync acts on) and request counts, and http-fetch's message. The words may
 * differ: undici says UND_ERR_SOCKET ("the connection failed") where node says ECONNRESET ("cut").
 */
async function both(spec: typeof read | typeof create, timeoutMs?: number, url?: string) {
  const viaFetch = transport((input, init) => fetch(input, init), timeoutMs, url);
  const { message: _was, ...before } = await outcome(viaFetch.transport, spec);
  const viaHttp = transport(createHttpFetch(), timeoutMs, url);
  const { message, ...after } = await outcome(viaHttp.transport, spec);
  return { before, after, message: message ?? '', requests: [viaFetch.counter.snapshot().platform, viaHttp.counter.snapshot().platform] };
}

describe('http-fetch', () => {
  it('reuses one socket for requests sent one after another (keep-alive)', async () => {
    handler = (_req, res) => res.end('{"ok":true}');
    connections.clear();
    const { transport: t } = transport(createHttpFetch());
    for (let i = 0; i < 5; i++) await expect(t.send(read)).resolves.toEqual({ ok: true });
    expect(connections.size).toBe(1);
  });

  it('sends the method, headers and JSON body, and reads a gzip answer', async () => {
    let seen: { method?: string; auth?: string; version?: string; body: string } = { body: '' };
    handler = (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { method: req.method, auth: req.headers.authorization, version: req.headers.version as string, body };
        res.writeHead(201, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' });
        res.end(gzipSync('{"ok":true,"name":"café"}'));
      });
    };
    const { transport: t } = transport(createHttpFetch());
    await expect(t.send(create)).resolves.toEqual({ ok: true, name: 'café' });
    expect(seen).toEqual({ method: 'POST', auth: 'Bearer tok', version: 'v1', body: '{"a":1}' });
  });

  it('a server that does not answer in time: a timeout, classified as before (a read is retried)', async () => {
    handler = () => {}; // never answers
    const { before, after, message, requests } = await both(read, 150);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ kind: 'network', unknown: false });
    expect(message).toContain('did not answer in time');
    expect(requests).toEqual([2, 2]);
  });

  it('a create that timed out: outcome unknown, as before, sent once', async () => {
    handler = () => {};
    const { before, after, requests } = await both(create, 150);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ kind: 'network', unknown: true });
    expect(requests).toEqual([1, 1]);
  });

  it('a connection dropped before the server answered: a read is retried, a create is outcome-unknown, as before', async () => {
    handler = (req) => req.socket.destroy();
    const reads = await both(read);
    expect(reads.after).toEqual(reads.before);
    expect(reads.after).toMatchObject({ kind: 'network', unknown: false });
    expect(reads.requests).toEqual([2, 2]);
    const creates = await both(create);
    expect(creates.after).toEqual(creates.before);
    expect(creates.after).toMatchObject({ kind: 'network', unknown: true });
    expect(creates.requests).toEqual([1, 1]);
  });

  it('a connection dropped after the server acted, in the middle of its answer: the same as before', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const creates = await both(create);
    expect(creates.after).toEqual(creates.before);
    expect(creates.after).toMatchObject({ kind: 'network', unknown: true });
    const reads = await both(read);
    expect(reads.after).toEqual(reads.before);
    expect(reads.after).toMatchObject({ kind: 'network', unknown: false });
  });

  it('nothing listening: never sent, so even a create is retried, as before', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { before, after, message, requests } = await both(create, 2_000, url);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ kind: 'network', unknown: false });
    expect(message).toContain('refused');
    expect(requests).toEqual([2, 2]);
  });

  it('an abort before the request starts rejects with the signal’s reason', async () => {
    const signal = AbortSignal.abort(new Error('stopped'));
    await expect(createHttpFetch()(base, { method: 'GET', headers: {}, signal })).rejects.toThrow('stopped');
  });

  it('an address with a user name or password in it is refused before anything is sent, as fetch refuses it', async () => {
    // node:http would send them as Basic credentials beside the token (the secret-leak test found
    // the window's connect accepting such an address once this client replaced fetch).
    requestsSeen = 0;
    const withUserinfo = base.replace('://', '://user:s3cret@');
    for (const client of [createHttpFetch(), globalThis.fetch as unknown as ReturnType<typeof createHttpFetch>]) {
      const failure = await client(withUserinfo, { method: 'GET', headers: {} }).then(() => undefined, (error: unknown) => error as Error);
      expect(failure).toBeInstanceOf(TypeError);
    }
    // Ours does not repeat the address (fetch's message does; the app redacts URLs in its messages).
    const ours = await createHttpFetch()(withUserinfo, { method: 'GET', headers: {} }).catch((error: unknown) => error as Error);
    expect((ours as Error).message).not.toContain('s3cret');
    expect(requestsSeen).toBe(0);
  });

  it('a redirect is not followed: a clear error, and the token goes nowhere else', async () => {
    let elsewhere = 0;
    const other = http.createServer((_req, res) => {
      elsewhere += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(other.address() as AddressInfo).port}/steal?code=x`;
    handler = (_req, res) => {
      res.writeHead(302, { Location: to });
      res.end();
    };
    requestsSeen = 0;
    const { transport: t } = transport(createHttpFetch());
    const result = await outcome(t, read);
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(result).toMatchObject({ kind: 'internal', status: 302 });
    expect(result.message).toContain('redirect (302 to HOST/steal)');
    expect(result.message).not.toContain('code=x');
    expect(elsewhere).toBe(0);
    expect(requestsSeen).toBe(1);
  });
});
