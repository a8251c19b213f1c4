// The repository stands on its own: no tracked file may name a path outside it — the team's
// shared folder that once sat beside the checkout (docs, the API reference, hooks). A clone with
// nothing beside it must build, test and read completely.
// Two checks over every tracked file (git ls-files):
// - the folder names themselves (shared/ + docs|reference|hooks), anywhere;
// - any relative "shared/" path that climbs out of the repository root from where the file sits.
//   (src/ has a shared/ folder of its own; `../../shared/status` from src/main/x is inside.)
// The patterns are assembled from pieces so this file does not match itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const shared = ['sha', 'red'].join('');
const outsideFolders = new RegExp(`${shared}/(?:${['do' + 'cs', 'refer' + 'ence', 'ho' + 'oks'].join('|')})\\b`);
const climbing = new RegExp(`((?:\\.\\./)+)${shared}/`, 'g');

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return listed.split('\0').filter((path) => path && !/\.(png|icns|ico|jpe?g|gif|woff2?|zip|gz)$/i.test(path) && path !== 'package-lock.json' && existsSync(join(root, path)));
}

/** Every place in the text that names an outside path, as "file:line: text". */
function outsideReferences(path: string, text: string): string[] {
  const found: string[] = [];
  const fileDir = dirname(join(root, path));
  text.split('\n').forEach((line, index) => {
    const at = `${path}:${index + 1}: ${line.trim().slice(0, 120)}`;
    if (outsideFolders.test(line)) {
      found.push(at);
      return;
    }
    for (const match of line.matchAll(climbing)) {
      const target = resolve(fileDir, match[1]);
      if (relative(root, target).startsWith('..')) {
        found.push(at);
        return;
      }
    }
  });
  return found;
}

describe('no file of the repository names a path outside it', () => {
  it('the check finds what it looks for', () => {
    const up = '../';
    expect(outsideReferences('README.md', `see [x](${up}${shared}/${'do' + 'cs'}/DESIGN.md)`)).toHaveLength(1);
    expect(outsideReferences('test/contract/a.ts', `read('${up}${up}${up}${shared}/api.json')`)).toHaveLength(1);
    expect(outsideReferences('docs/cli.md', `the ${shared}/${'ho' + 'oks'} folder`)).toHaveLength(1);
    // Inside the repository: src/main/x.ts importing ../shared/status, src/main/cli/x.ts importing ../../shared/y.
    expect(outsideReferences('src/main/x.ts', `import '${up}${shared}/status';`)).toEqual([]);
    expect(outsideReferences('src/main/cli/x.ts', `import '${up}${up}${shared}/status';`)).toEqual([]);
  });

  it('holds for every tracked file', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((path) => outsideReferences(path, readFileSync(join(root, path), 'utf8')));
    expect(found).toEqual([]);
  });
});
