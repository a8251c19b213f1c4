// The browser harness (dev and test only, never packaged): the real renderer, built, served on
// 127.0.0.1 with a random token, talking to the real services through the same contract checks as
// the app. window.api is defined by client.js over fetch (POST /api/<channel>) and server-sent
// events (GET /api/events) for status.changed and sync.progress.
//
//   const harness = await startHarness({ dataDir, env, port: 0 });
//   await page.goto(harness.url);        // http://127.0.0.1:PORT/?token=…
//   await harness.stop();
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { eventChannels, invokeChannels, type EventName, type InvokeChannel } from '../../../src/shared/ipc/channels';
import { eventContract } from '../../../src/shared/ipc/contract';
import type { StatusView } from '../../../src/shared/status';
import { createServices, type Services, type ServicesConfig } from '../../../src/main/services';
import { contentSecurityPolicy } from '../../../src/main/shell/csp';
import { registerHandlers, type IpcMainLike, type InvokeEventLike } from '../../../src/main/shell/ipc';
import { withShellHandlers } from '../../../src/main/shell/shell-handlers';
import { checkRendererBuilt, harnessPage, harnessScriptPath, staticFile } from './static-files';

const root = resolve(import.meta.dirname, '../../..');
export const defaultRendererDir = join(root, 'out/renderer');
const maxBody = 1_000_000;

export interface HarnessOptions {
  dataDir: string;
  /** The environment the services read (ICLOUD_SYNC_APP_PASSWORD / ICLOUD_SYNC_PLATFORM_TOKEN pass through). */
  env?: NodeJS.ProcessEnv;
  /** 0 = any free port. */
  port?: number;
  /** Default out/renderer. */
  rendererDir?: string;
  /** Start the scheduler as the app does (default true). */
  schedule?: boolean;
  /** Extra service config (a test keychain, a clock). */
  services?: Partial<Omit<ServicesConfig, 'dataDir' | 'env'>>;
  log?: (message: string) => void;
}

export interface Harness {
  /** http://127.0.0.1:PORT/?token=… */
  url: string;
  origin: string;
  token: string;
  services: Services;
  /** URLs the page asked to open in the browser (app.openExternal), in order. */
  openedUrls: string[];
  stop(): Promise<void>;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = options.rendererDir ?? defaultRendererDir;
  checkRendererBuilt(rendererDir);
  const log = options.log ?? ((message: string) => process.stderr.write(`harness: ${message}\n`));
  const token = randomBytes(24).toString('base64url');
  const services = createServices({ ...options.services, dataDir: options.dataDir, env: options.env ?? process.env });
  const openedUrls: string[] = [];

  // The app's own IPC layer (sender check, request schema, response schema, errors in words),
  // registered on a stand-in for Electron's ipcMain.
  const channels = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void channels.set(channel, listener),
    removeHandler: (channel) => void channels.delete(channel),
  };
  const handlers = withShellHandlers(services.handlers, {
    openExternal: async (url) => {
      openedUrls.push(url);
      log(`the page asked to open ${url} (not opened: this is the harness)`);
    },
    onSettingsChanged: () => undefined,
  });
  const unregister = registerHandlers(ipcMain, handlers, { isTrustedSender: () => true, log });

  const clientScript =
    `const harnessChannels = ${JSON.stringify({ invoke: invokeChannels, events: eventChannels })};\n` +
    readFileSync(join(import.meta.dirname, 'client.js'), 'utf8');

  const streams = new Set<ServerResponse>();
  const send = (name: EventName, payload: unknown) => {
    const channel = eventChannels[name];
    const parsed = eventContract[channel].safeParse(payload);
    if (!parsed.success) return log(`event ${channel} not sent: off-contract payload`);
    for (const stream of streams) stream.write(`event: ${channel}\ndata: ${JSON.stringify(parsed.data)}\n\n`);
  };
  const unsubscribe = services.shell.onStatusChanged((status: StatusView) => {
    send('statusChanged', status);
    if (status.progress) send('syncProgress', status.progress);
  });

  let origin = '';
  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      log(`request failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('The harness could not answer.');
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const security = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events' && request.method === 'GET') {
        if (!sameToken(url.searchParams.get('token'), token)) return void response.writeHead(401, security).end();
        response.writeHead(200, { ...security, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        response.write(': connected\n\n');
        streams.add(response);
        request.on('close', () => streams.delete(response));
        return;
      }
      if (request.method !== 'POST') return void response.writeHead(405, security).end();
      if (!sameToken(request.headers['x-harness-token'] as string | undefined, token)) return void response.writeHead(401, security).end();
      const channel = url.pathname.slice('/api/'.length);
      const handler = channels.get(channel);
      if (!handler || !(invokeChannels as readonly string[]).includes(channel)) return void response.writeHead(404, security).end();
      let payload: unknown;
      try {
        const body = await readBody(request);
        payload = body ? (JSON.parse(body) as { request?: unknown }).request : undefined;
      } catch {
        return void response.writeHead(400, security).end();
      }
      const reply = await handler({ senderFrame: { url: origin, parent: null } }, payload);
      response.writeHead(200, { ...security, 'Content-Type': 'application/json' });
      return void response.end(JSON.stringify(reply));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, security).end();
    if (url.pathname === harnessScriptPath) {
      response.writeHead(200, { ...security, 'Content-Type': 'text/javascript; charset=utf-8' });
      return void response.end(clientScript);
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.writeHead(200, { ...security, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': contentSecurityPolicy });
      return void response.end(await harnessPage(rendererDir));
    }
    const file = await staticFile(rendererDir, url.pathname);
    if (!file) return void response.writeHead(404, security).end();
    response.writeHead(200, { ...security, 'Content-Type': file.type });
    response.end(file.body);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  if (options.schedule !== false) await services.shell.start?.();

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    services,
    openedUrls,
    async stop() {
      unsubscribe();
      unregister();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await services.shell.stop?.();
    },
  };
}

export type { InvokeChannel };
