// The harness itself (no browser needed): it refuses to start without a built renderer, binds
// 127.0.0.1, demands its token, checks payloads with the contract, and pushes status events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness/server';
import { ensureRendererBuilt } from './support/built-renderer';

describe('browser harness', () => {
  let harness: Harness;
  let dataDir: string;
  const post = (channel: string, body: unknown, token = harness.token) =>
    fetch(`${harness.origin}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Harness-Token': token }, body: JSON.stringify(body) });

  beforeAll(async () => {
    ensureRendererBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'harness-test-'));
    harness = await startHarness({ dataDir, env: {}, port: 0, schedule: false, log: () => undefined });
  });
  afterAll(async () => {
    await harness.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says how to build the renderer when it is missing', async () => {
    await expect(startHarness({ dataDir, port: 0, rendererDir: join(dataDir, 'nowhere') })).rejects.toThrow(/npm run build/);
  });

  it('listens on 127.0.0.1 with a random token in the URL', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the built page with the CSP and the harness script before the app', async () => {
    const page = await fetch(`${harness.origin}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html.indexOf('/harness/api.js')).toBeGreaterThan(0);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect((await fetch(`${harness.origin}/../package.json`)).status).toBe(404);
    expect((await fetch(`${harness.origin}/%2e%2e/package.json`)).status).toBe(404);
  });

  it('refuses calls without the token, to unknown channels, and malformed payloads', async () => {
    expect((await post('status.get', {}, 'wrong')).status).toBe(401);
    expect((await post('nope.nothing', {})).status).toBe(404);
    const invalid = (await (await post('history.list', { request: { limit: 5000 } })).json()) as { ok: boolean; error: { kind: string; message: string } };
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(invalid.error.message).toMatch(/limit/);
    const refused = (await (await post('app.openExternal', { request: { url: 'https://evil.example' } })).json()) as { ok: boolean };
    expect(refused.ok).toBe(false);
    expect(harness.openedUrls).toEqual([]);
  });

  it('answers through the real services, and pushes status.changed as a server-sent event', async () => {
    const status = (await (await post('status.get', {})).json()) as { ok: true; data: { icloud: { connected: boolean }; paused: boolean } };
    expect(status).toMatchObject({ ok: true, data: { icloud: { connected: false }, paused: false } });

    const events = await fetch(`${harness.origin}/api/events?token=${harness.token}`);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body!.getReader();
    await post('sync.pause', {});
    let text = '';
    while (!text.includes('event: status.changed')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = text.split('event: status.changed\ndata: ')[1].split('\n')[0];
    expect(JSON.parse(data)).toMatchObject({ paused: true });
    expect((await fetch(`${harness.origin}/api/events?token=wrong`)).status).toBe(401);
  });
});
