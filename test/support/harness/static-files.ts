// Serving the built renderer (out/renderer) read-only: only files inside that folder, with their
// content type, and the page with the harness script placed before the app's own module.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export const harnessScriptPath = '/harness/api.js';

export class RendererNotBuiltError extends Error {
  constructor(dir: string) {
    super(`The renderer is not built: ${join(dir, 'index.html')} is missing. Run \`npm run build\` first, then start the harness again.`);
    this.name = 'RendererNotBuiltError';
  }
}

export function checkRendererBuilt(dir: string): void {
  if (!existsSync(join(dir, 'index.html'))) throw new RendererNotBuiltError(dir);
}

/** The page: the built index.html with the harness script injected as the first script. */
export async function harnessPage(dir: string): Promise<string> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const tag = `<script src="${harnessScriptPath}"></script>`;
  // A classic script in <head> runs before the app's (deferred) module script.
  return html.includes('</title>') ? html.replace('</title>', `</title>\n    ${tag}`) : html.replace('<head>', `<head>\n    ${tag}`);
}

/** A file under `dir` for a URL path, or undefined (never a path outside `dir`). */
export async function staticFile(dir: string, urlPath: string): Promise<{ body: Buffer; type: string } | undefined> {
  const root = resolve(dir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = resolve(root, normalize(`.${decoded}`));
  if (!file.startsWith(root + sep)) return undefined;
  try {
    return { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
