// ESLint (flat config): recommended JS + typescript-eslint rules (untyped, to stay fast) and the
// layering of DESIGN §2, enforced with no-restricted-imports:
//   - only src/main/index.ts, src/main/shell/** and src/preload/** may import 'electron';
//   - src/shared/** imports nothing from node, electron, react, or the other layers;
//   - src/renderer/** imports nothing from node, electron, main or preload (it talks through window.api);
//   - src/main/store/** sits below the engine: it imports nothing from src/main/sync;
//   - the planner (src/main/sync/plan*.ts and the pure modules it uses) does no I/O: no Node built-in,
//     and no value from the iCloud or platform clients, the stores, or the engine's I/O modules (types
//     are fine: they vanish at build time). Its tests call plan() with no server (issue 10).
// Flat config does not merge a rule's options across blocks (the last block wins), so each area
// below lists its complete set of restrictions. test/unit/layering proves these bite.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const electron = {
  paths: [{ name: 'electron', message: 'Only src/main/index.ts, src/main/shell/ and src/preload/ may import electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only src/main/index.ts, src/main/shell/ and src/preload/ may import electron.' }],
};
const nodeBuiltins = (layer) => ({
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .map((name) => ({ name, message: `${layer} must not use Node built-ins.` })),
  patterns: [{ group: ['node:*'], message: `${layer} must not use Node built-ins.` }],
});
const react = {
  paths: ['react', 'react-dom'].map((name) => ({ name, message: 'src/shared must not depend on React.' })),
  patterns: [{ group: ['react/*', 'react-dom/*'], message: 'src/shared must not depend on React.' }],
};
/** A relative import that climbs into another layer, e.g. '../../main/errors'. */
const layer = (names, message) => ({
  paths: [],
  patterns: [{ regex: `^(\\.{1,2}/)+(.*/)?(${names.join('|')})(/|$)`, message }],
});

const restrict = (...parts) => [
  'error',
  { paths: parts.flatMap((part) => part.paths), patterns: parts.flatMap((part) => part.patterns) },
];

/** The planner's files: pure functions of their input. */
const plannerFiles = [
  'src/main/sync/plan.ts', 'src/main/sync/plan-*.ts', 'src/main/sync/content.ts', 'src/main/sync/rules.ts', 'src/main/sync/operations.ts',
  'src/main/sync/pair.ts', 'src/main/sync/sync-window.ts', 'src/main/sync/zoned-midnight.ts',
];
const plannerMessage = 'The planner is pure (DESIGN §2): no I/O and no values from the clients, the stores or the engine\'s I/O modules (import types only).';
const plannerRestrictions = {
  paths: [
    ...nodeBuiltins('The planner').paths.map((path) => ({ ...path, allowTypeImports: true })),
    ...electron.paths,
  ],
  patterns: [
    { group: ['node:*'], message: 'The planner must not use Node built-ins.', allowTypeImports: true },
    ...electron.patterns,
    // The clients (only the platform's pure schemas may lend a value), the stores (only the pair
    // record), and the engine's modules that talk to the sides or the disk.
    { regex: '^(\\.{1,2}/)+icloud(/|$)', message: plannerMessage, allowTypeImports: true },
    { regex: '^(\\.{1,2}/)+platform(/(?!schemas$).*)?$', message: plannerMessage, allowTypeImports: true },
    { regex: '^(\\.{1,2}/)+store/(?!pair-record$)', message: plannerMessage, allowTypeImports: true },
    { regex: '^\\./(execute|gather-icloud|gather-platform|cycle|settle-cursors|sync-service|scheduler|ports|report-builder|user-decisions)$', message: plannerMessage, allowTypeImports: true },
  ],
};

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // Stylistic or noisy without type information; the compiler (strict) already covers these.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Layering: electron is forbidden everywhere but the three places below.
      'no-restricted-imports': restrict(electron),
    },
  },
  {
    // Tests read arbitrary JSON (CLI output, fixtures): an `any` there is a test convenience, not a type hole.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict(
        electron,
        nodeBuiltins('src/shared'),
        react,
        layer(['main', 'renderer', 'preload'], 'src/shared must not import from src/main, src/renderer or src/preload.'),
      ),
    },
  },
  {
    files: ['src/main/store/**'],
    rules: { 'no-restricted-imports': restrict(electron, layer(['sync'], 'src/main/store sits below src/main/sync and must not import from it.')) },
  },
  {
    files: plannerFiles,
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', plannerRestrictions] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        electron,
        nodeBuiltins('src/renderer'),
        layer(['main', 'preload'], 'src/renderer talks to main only through window.api (src/shared/ipc).'),
      ),
    },
  },
);
