// The window's built code reaches React through the ESM facades in src/renderer/react-esm
// (electron.vite.config.ts, issue 14): they must hand out React's own functions, unchanged, and
// name every React export our renderer code imports (else the build stops with MISSING_EXPORT).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as React from 'react';
import * as runtime from 'react/jsx-runtime';
import { describe, expect, it } from 'vitest';
import * as reactFacade from '../../../src/renderer/react-esm/react';
import * as runtimeFacade from '../../../src/renderer/react-esm/jsx-runtime';

const rendererSources = join(import.meta.dirname, '../../../src/renderer/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Value names (not `type` ones) that our renderer code imports from 'react'. */
function valueImportsFromReact(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(rendererSources)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/import\s+\{([^}]*)\}\s+from\s+'react'/g)) {
      for (const part of match[1].split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return names;
}

describe('the React ESM facades of the renderer build', () => {
  it('hand out React’s own functions and objects', () => {
    const facadeEntries = Object.entries(reactFacade);
    expect(facadeEntries.length).toBeGreaterThan(0);
    for (const [name, value] of facadeEntries) expect(value, name).toBe(React[name as keyof typeof React]);
    expect(runtimeFacade.jsx).toBe(runtime.jsx);
    expect(runtimeFacade.jsxs).toBe(runtime.jsxs);
    expect(runtimeFacade.Fragment).toBe(runtime.Fragment);
  });

  it('name every React export the renderer imports', () => {
    const used = valueImportsFromReact();
    expect(used.has('useState')).toBe(true);
    const missing = [...used].filter((name) => !(name in reactFacade));
    expect(missing, 'add these to src/renderer/react-esm/react.ts').toEqual([]);
  });
});
