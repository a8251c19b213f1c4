// The engine's layering (issue 10, eslint.config.js): the planner is pure — no Node built-in, no value
// from the iCloud or platform clients, the stores or the engine's I/O modules, types allowed — and the
// store sits below the engine. These prove the rules bite, and that the real files pass them.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  expect(result.messages.filter((m) => m.fatal), `parse errors in ${filePath}`).toEqual([]);
  return result.messages.filter((m) => /no-restricted-imports$/.test(m.ruleId ?? '') && m.severity === 2).map((m) => m.message);
}

describe('the planner does no I/O and takes no values from the clients', () => {
  it.each([
    ["import { PlatformClient } from '../platform/client';", 'src/main/sync/plan.ts'],
    ["import { isAppointment } from '../platform';", 'src/main/sync/plan-pairs.ts'],
    ["import { IcsCodec } from '../icloud';", 'src/main/sync/plan-records.ts'],
    ["import { fetchChanges } from '../icloud/changes';", 'src/main/sync/content.ts'],
    ["import { StateStore } from '../store/state-store';", 'src/main/sync/plan.ts'],
    ["import { execute } from './execute';", 'src/main/sync/plan.ts'],
    ["import { gatherIcloud } from './gather-icloud';", 'src/main/sync/rules.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/main/sync/plan.ts'],
    ["import { createHash } from 'crypto';", 'src/main/sync/plan-intents.ts'],
  ])('%s in %s is an error', async (line, filePath) => {
    const messages = await restricted(`${line}\nexport const x = [${line.match(/\{ (\w+) \}/)![1]}];\n`, filePath);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/planner/i);
  });

  it.each([
    ["import type { PlatformClient } from '../platform/client';", 'src/main/sync/plan.ts'],
    ["import type { ChangeSet } from '../icloud';", 'src/main/sync/plan.ts'],
    ["import type { StateStore } from '../store/state-store';", 'src/main/sync/operations.ts'],
    ["import { isAppointment } from '../platform/schemas';", 'src/main/sync/plan.ts'],
    ["import { icloudItemKey } from '../store/pair-record';", 'src/main/sync/pair.ts'],
    ["import { hashContent } from './content';", 'src/main/sync/plan.ts'],
  ])('%s in %s is allowed', async (line, filePath) => {
    expect(await restricted(`${line}\nexport type X = unknown;\n`, filePath)).toEqual([]);
  });

  it('the executor and gatherers may do I/O (the rule is the planner\'s only)', async () => {
    expect(await restricted("import { PlatformClient } from '../platform/client';\nexport const x = PlatformClient;\n", 'src/main/sync/execute.ts')).toEqual([]);
  });
});

describe('the store sits below the engine', () => {
  it.each([
    ["import { plan } from '../sync/plan';", 'src/main/store/x.ts'],
    ["import type { PairRecord } from '../sync/pair';", 'src/main/store/state-schema.ts'],
  ])('%s in %s is an error', async (line, filePath) => {
    const messages = await restricted(`${line}\nexport const x = 1;\n`, filePath);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/store sits below/);
  });

  it('the real planner and store files pass', async () => {
    const results = await eslint.lintFiles(['src/main/sync/plan*.ts', 'src/main/sync/content.ts', 'src/main/sync/rules.ts', 'src/main/store/*.ts']);
    const errors = results.flatMap((r) => r.messages.filter((m) => /no-restricted-imports$/.test(m.ruleId ?? '')).map((m) => `${r.filePath}: ${m.message}`));
    expect(results.length).toBeGreaterThan(8);
    expect(errors).toEqual([]);
  });
});
