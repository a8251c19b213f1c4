// What `npm run build` wrote: a CommonJS preload that runs with nothing but require('electron')
// (as in a sandboxed renderer), a main whose window is sandboxed and isolated, a CLI that never
// loads electron, and the renderer page. CI builds before testing; on a developer's machine
// without out/ the suite is skipped with a notice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { eventChannels, invokeChannels } from '../../src/shared/ipc/channels';
import { contentSecurityPolicy } from '../../src/main/shell/csp';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'out');
const built = existsSync(out);
const mustRun = process.env.CI === 'true';
if (!built && !mustRun) console.warn('⚠ test/build skipped: out/ does not exist. Run `npm run build` first (CI always does).');

const read = (path: string) => readFileSync(join(out, path), 'utf8');

/** Top-level import/export statements (ESM syntax) in a bundle, ignoring comments and strings mostly. */
function esmStatements(code: string): string[] {
  return code.split('\n').filter((line) => /^(import\s*[\w{*'"]|export\s+[\w{*]|export\s*\{)/.test(line));
}

/** Bare specifiers imported by an ESM file and, recursively, by the relative files it imports. */
function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  const specifiers = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) for (const inner of bareImports(resolve(dirname(file), specifier), seen)) found.add(inner);
    else found.add(specifier);
  }
  return found;
}

function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ICLOUD_SYNC_APP_PASSWORD;
  delete copy.ICLOUD_SYNC_PLATFORM_TOKEN;
  delete copy.ICLOUD_SYNC_DATA_DIR;
  return copy;
}

describe.skipIf(!built && !mustRun)('build output (out/)', () => {
  describe('preload', () => {
    it('is CommonJS: no top-level import/export, requires electron', () => {
      const code = read('preload/index.cjs');
      expect(esmStatements(code)).toEqual([]);
      expect(code).toMatch(/require\(["']electron["']\)/);
    });

    it('requires nothing but electron (a sandboxed preload cannot load node_modules)', () => {
      const required = [...read('preload/index.cjs').matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect([...new Set(required)]).toEqual(['electron']);
    });

    it('runs as a sandboxed preload would run it and exposes exactly the contract', () => {
      const exposed = new Map<string, unknown>();
      const electron = {
        contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
        ipcRenderer: { invoke: async () => ({ ok: true, data: null }), on: () => undefined, removeListener: () => undefined },
      };
      const module = { exports: {} };
      const require = (name: string) => {
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      };
      vm.runInNewContext(read('preload/index.cjs'), { require, module, exports: module.exports, console });
      const api = exposed.get('api') as Record<string, Record<string, unknown>>;
      const paths = Object.entries(api).flatMap(([group, methods]) => Object.keys(methods).map((method) => `${group}.${method}`));
      expect(paths.sort()).toEqual([...invokeChannels, ...Object.keys(eventChannels).map((name) => `on.${name}`)].sort());
    });
  });

  describe('main', () => {
    it("creates the window with sandbox and contextIsolation on, and Node off", () => {
      const code = read('main/index.js');
      expect(code).toMatch(/sandbox:\s*true/);
      expect(code).toMatch(/contextIsolation:\s*true/);
      expect(code).toMatch(/nodeIntegration:\s*false/);
      expect(code).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true/);
    });

    it('is an ES module that loads electron and the native keyring from node_modules, the pure-JS dependencies bundled', () => {
      const imports = bareImports(join(out, 'main/index.js'));
      expect(imports).toContain('electron');
      expect(imports).toContain('@napi-rs/keyring');
      // Bundled (issue 16: a CLI cycle resolves and compiles a few files, not hundreds of zod's and tsdav's).
      for (const name of ['zod', 'tsdav', 'proper-lockfile', 'timezones-ical-library']) expect([...imports].filter((i) => i === name || i.startsWith(`${name}/`))).toEqual([]);
      // Not bundled: their private class fields would leave our chunks unparsed by the security gate.
      for (const name of ['ical.js', 'lowdb']) expect(imports).toContain(name);
    });

    it('points the window at the built preload and renderer', () => {
      const code = read('main/index.js');
      expect(code).toContain('../preload/index.cjs');
      expect(code).toContain('../renderer/index.html');
    });
  });

  describe('cli', () => {
    it('never imports electron, directly or through a shared chunk', () => {
      const imports = bareImports(join(out, 'main/cli.js'));
      expect(imports.size).toBeGreaterThan(0);
      expect([...imports].filter((name) => name === 'electron' || name.startsWith('electron/'))).toEqual([]);
    });

    it('runs under plain node', () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'icloud-sync-build-'));
      try {
        const run = spawnSync(process.execPath, [join(out, 'main/cli.js'), '--data-dir', dataDir, 'status', '--json'], {
          encoding: 'utf8',
          timeout: 20_000,
          env: withoutSecrets(process.env),
        });
        expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (package|module)/);
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout)).toHaveProperty('icloud.connected', false);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('renderer', () => {
    it('is an index.html with the strict CSP that loads its script relatively (works from file://)', () => {
      const html = read('renderer/index.html');
      expect(html).toContain(`content="${contentSecurityPolicy}"`);
      const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) {
        expect(src).toMatch(/^\.\//);
        expect(existsSync(join(out, 'renderer', src))).toBe(true);
      }
      expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script (CSP forbids it anyway)
    });

    it('carries no schema library: main validates, the window only shows (zod is ~85 kB of a 300 kB budget)', () => {
      // A shared file with a schema, imported by the window for its words, once pulled zod in unseen.
      const html = read('renderer/index.html');
      for (const [, src] of html.matchAll(/<script[^>]*src="([^"]+)"/g)) expect(read(join('renderer', src))).not.toContain('ZodError');
    });

    it('checks a filter box as text, and leaves title filters to main: neither the type checks nor the title-pattern checker are in the window', () => {
      // Its boxes always hold text; checkFilterField's "is a list of texts" and "true or false"
      // branches could never run there. Title filters are checked by the main process, which says
      // which one it refuses (settings-service.ts); the working-hours check the window runs stays.
      const html = read('renderer/index.html');
      for (const [, src] of html.matchAll(/<script[^>]*src="([^"]+)"/g)) {
        const code = read(join('renderer', src));
        for (const mainOnly of ['skipAllDay is true or false', 'skipTitles is a list of texts', 'skipTitles holds at most', 'back-references are not allowed in a title filter']) {
          expect(code.includes(mainOnly), mainOnly).toBe(false);
        }
        expect(code.includes('the end must be after the start'), 'the working-hours check').toBe(true);
      }
    });
  });
});
