// The layering of DESIGN §2 is enforced by ESLint (eslint.config.js); these tests prove the rules
// bite — each forbidden import in each layer is an error — and that the allowed ones pass.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lint/${name}`, import.meta.url), 'utf8');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The no-restricted-imports messages for `code` linted as if it lived at `filePath`. */
async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `parse errors in ${filePath}`).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

describe("only src/main/index.ts, src/main/shell/ and src/preload/ import 'electron'", () => {
  const electron = fixture('imports-electron.ts');

  it.each([
    'src/main/sync/x.ts',
    'src/main/cli/x.ts',
    'src/main/services.ts',
    'src/main/store/x.ts',
    'src/shared/x.ts',
    'src/renderer/src/x.tsx',
    'test/unit/x.test.ts',
    'scripts/x.ts',
  ])('an error in %s', async (filePath) => {
    const messages = await restricted(electron, filePath);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/electron/);
  });

  it.each(['src/main/index.ts', 'src/main/shell/tray.ts', 'src/main/shell/deep/x.ts', 'src/preload/index.ts'])('allowed in %s', async (filePath) => {
    expect(await restricted(electron, filePath)).toEqual([]);
  });

  it('covers electron subpaths and type-only imports', async () => {
    expect(await restricted("import { app } from 'electron/main';\nexport const a = app;\n", 'src/main/sync/x.ts')).toHaveLength(1);
    expect(await restricted("import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n", 'src/main/sync/x.ts')).toHaveLength(1);
  });
});

describe('src/shared imports nothing from node, electron, react or the other layers', () => {
  it('every Node built-in is an error, prefixed or not', async () => {
    const messages = await restricted(fixture('imports-node-builtins.ts'), 'src/shared/x.ts');
    expect(messages).toHaveLength(5);
    for (const message of messages) expect(message).toMatch(/src\/shared must not use Node built-ins/);
  });

  it('React is an error', async () => {
    expect(await restricted(fixture('imports-react.ts'), 'src/shared/ipc/x.ts')).toHaveLength(2);
  });

  it.each([
    ["import { SyncError } from '../main/errors';", 'src/shared/x.ts'],
    ["import { SyncError } from '../../main/errors';", 'src/shared/ipc/x.ts'],
    ["import { App } from '../../renderer/src/App';", 'src/shared/ipc/x.ts'],
    ["import { buildApi } from '../preload/api';", 'src/shared/x.ts'],
  ])('%s from %s is an error', async (line, filePath) => {
    const messages = await restricted(`${line}\nexport const x = 1;\n`, filePath);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/src\/shared must not import from src\/main, src\/renderer or src\/preload\.$/);
  });

  it('a library and its own modules are fine', async () => {
    expect(await restricted(fixture('imports-pure.ts'), 'src/shared/x.ts')).toEqual([]);
    expect(await restricted("import { runReportSchema } from '../run-report';\nexport const r = runReportSchema;\n", 'src/shared/ipc/x.ts')).toEqual([]);
  });
});

describe('src/renderer imports nothing from node, electron, main or preload', () => {
  it('Node built-ins and electron are errors', async () => {
    expect(await restricted(fixture('imports-node-builtins.ts'), 'src/renderer/src/x.ts')).toHaveLength(5);
    expect(await restricted(fixture('imports-electron.ts'), 'src/renderer/src/x.ts')).toHaveLength(1);
  });

  it('main and preload are errors; shared and react are fine', async () => {
    expect(await restricted("import { createServices } from '../../main/services';\nexport const c = createServices;\n", 'src/renderer/src/x.ts')).toHaveLength(1);
    expect(await restricted("import { buildApi } from '../../preload/api';\nexport const b = buildApi;\n", 'src/renderer/src/x.ts')).toHaveLength(1);
    expect(await restricted(fixture('imports-react.ts'), 'src/renderer/src/x.tsx')).toEqual([]);
    expect(await restricted("import type { AppApi } from '../../shared/ipc/contract';\nexport type A = AppApi;\n", 'src/renderer/src/x.ts')).toEqual([]);
  });
});

describe('main may use Node', () => {
  it('Node built-ins are fine outside shared and renderer', async () => {
    expect(await restricted(fixture('imports-node-builtins.ts'), 'src/main/store/x.ts')).toEqual([]);
  });
});

describe('the repository as it is', () => {
  it('respects the layering', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['src']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(violations).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
  });
});
