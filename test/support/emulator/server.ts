// The platform emulator's HTTP server (plain node:http): bearer auth per location, the Version
// header, rate limits with X-RateLimit-* headers, fault injection, then the route. Every exchange is
// logged (bounded) so the contract test can check requests and responses against the spec.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dateHeader, scopeFor, type DoctorOptions } from './doctor-options';
import { FaultPlan, type Fault, type FaultOptions } from './faults';
import { RateLimits } from './limits';
import { matchRoute, type RouteResponse } from './routes';
import { parseSeed, type Seed } from './seed';
import { EmulatorState } from './state';

export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  responseBody: unknown;
}

export interface EmulatorOptions {
  seed: Seed;
  port?: number;
  host?: string;
  faults?: FaultOptions;
  /** How many exchanges to keep for inspection (oldest dropped first). */
  logLimit?: number;
  /** `dateSkewMs` (doctor-options.ts); changeable later through `doctor`. */
  doctor?: DoctorOptions;
}

export interface RunningEmulator {
  url: string;
  port: number;
  state: EmulatorState;
  limits: RateLimits;
  faults: FaultPlan;
  /** The doctor options in force; tests may change them between requests. */
  doctor: DoctorOptions;
  exchanges: Exchange[];
  /** Requests that reached the server (any outcome). */
  requestCount(): number;
  stop(): Promise<void>;
}

const TOO_MANY = { statusCode: 429, message: 'Too many requests. Please slow down.', error: 'Too Many Requests' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const seed = parseSeed(options.seed);
  const state = new EmulatorState(seed);
  const limits = new RateLimits(seed.rateLimit);
  const faults = new FaultPlan(options.faults);
  const exchanges: Exchange[] = [];
  const logLimit = options.logLimit ?? 2000;
  const doctor: DoctorOptions = { ...options.doctor };
  let requests = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const rawBody = await readBody(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    let parsedBody: unknown;
    const extraHeaders: Record<string, string> = {};
    const date = dateHeader(doctor);
    if (date) extraHeaders.Date = date;

    const send = (status: number, body: unknown, raw?: string) => {
      exchanges.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: parsedBody,
        status,
        responseBody: body,
      });
      if (exchanges.length > logLimit) exchanges.shift();
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...extraHeaders });
      res.end(raw ?? JSON.stringify(body));
    };

    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    // The platform's answer for a token created without the scope of this endpoint family (Scopes.md;
    // seed `withheldScopes`). Before route matching, so it is refused even on a family the routes lack.
    const scope = scopeFor(req.method ?? 'GET', url.pathname);
    if (token && scope && state.locationForToken(token) && state.lacksScope(token, scope)) {
      return send(401, { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' });
    }

    const matched = matchRoute(req.method ?? 'GET', url.pathname);
    if (!matched) return send(404, { statusCode: 404, message: `Cannot ${req.method} ${url.pathname}`, error: 'Not Found' });

    const location = token ? state.locationForToken(token) : undefined;
    if (!location) return send(401, { statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' });

    const decision = limits.check(location.id);
    Object.assign(extraHeaders, decision.headers);
    if (!decision.allowed) return send(429, TOO_MANY);

    const fault: Fault | undefined = faults.next();
    if (options.faults?.latencyMs) await sleep(options.faults.latencyMs);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if ((fault?.kind === 'status' || fault?.kind === 'drop') && !fault.afterCommit) {
      if (fault.kind === 'drop') return void req.socket.destroy();
      if (fault.kind === 'status') return send(fault.status, { statusCode: fault.status, message: 'Injected failure' });
    }

    if (!headers.version) return send(400, { statusCode: 400, message: 'version header was not found' });
    if (headers.version !== matched.route.version) {
      return send(400, { statusCode: 400, message: `Unsupported version ${headers.version}; expected ${matched.route.version}` });
    }
    try {
      parsedBody = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
    } catch {
      return send(400, { statusCode: 400, message: 'Unexpected token in JSON body' });
    }
    if (typeof parsedBody !== 'object' || parsedBody === null || Array.isArray(parsedBody)) {
      return send(400, { statusCode: 400, message: 'The body must be a JSON object' });
    }
    const result: RouteResponse = matched.route.handle({
      method: req.method ?? 'GET',
      params: matched.params,
      query: url.searchParams,
      body: parsedBody as Record<string, unknown>,
      location,
      state,
    });
    if (fault?.kind === 'drop') return void req.socket.destroy(); // the change happened; the answer is lost
    if (fault?.kind === 'status') return send(fault.status, { statusCode: fault.status, message: 'Injected failure' });
    if (fault?.kind === 'malformed') return send(result.status, result.body, JSON.stringify(result.body).slice(0, 12) + '<!-- cut');
    return send(result.status, result.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, message: String(error) }));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    limits,
    faults,
    doctor,
    exchanges,
    requestCount: () => requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
