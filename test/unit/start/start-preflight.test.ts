// `npm start` without the Electron binary (scripts/start.ts): one paragraph on stderr that says
// what is missing and how to get it, no stack trace, a non-zero exit — and, with a binary, the path
// handed to electron-vite the only way it reads one (ELECTRON_EXEC_PATH).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectron, missingBinaryMessage, platformExecutable } from '../../../scripts/start';

const root = join(import.meta.dirname, '..', '..', '..');

describe('npm start preflight', () => {
  const made: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-preflight-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('without a binary: one paragraph on stderr, nothing on stdout, exit 1, no stack trace', () => {
    const emptyDist = temp();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_EXEC_PATH: '', ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const text = run.stderr.trim();
    expect(text.split('\n'), 'a single paragraph').toHaveLength(1);
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toMatch(/Error:/);
    expect(text).toContain('the Electron binary is not installed');
    expect(text).toContain(emptyDist);
    expect(text).toContain('npx install-electron');
    expect(text).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('a fresh install (no path.txt: nothing downloaded yet) is reported as missing', () => {
    const electronDir = temp();
    expect(findElectron({}, electronDir, 'darwin')).toEqual({ found: false, looked: join(electronDir, 'dist') });
  });

  it('a downloaded binary is found where electron/index.js finds it (path.txt under dist/)', () => {
    const electronDir = temp();
    writeFileSync(join(electronDir, 'path.txt'), platformExecutable('linux'));
    mkdirSync(join(electronDir, 'dist'));
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    expect(findElectron({}, electronDir, 'linux')).toEqual({ found: true, path: join(electronDir, 'dist', 'electron') });
  });

  it('ELECTRON_OVERRIDE_DIST_PATH points at a folder holding the platform’s executable', () => {
    const electronDir = temp();
    const dist = temp();
    mkdirSync(join(dist, 'Electron.app/Contents/MacOS'), { recursive: true });
    writeFileSync(join(dist, 'Electron.app/Contents/MacOS/Electron'), '');
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: dist }, electronDir, 'darwin')).toEqual({ found: true, path: join(dist, 'Electron.app/Contents/MacOS/Electron') });
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: dist }, electronDir, 'linux')).toEqual({ found: false, looked: join(dist, 'electron') });
  });

  it('the message names the file it looked for', () => {
    expect(missingBinaryMessage('/x/y')).toContain('(looked for /x/y)');
  });
});
