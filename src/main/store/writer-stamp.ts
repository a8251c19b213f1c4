// Which build wrote a JSON file, and that it is unchanged since (issue 16). state.json is written
// from a state that was validated where it entered, so checking its 5,000 pairs against the schema
// again on every read (~0.1 s of a no-change CLI cycle) checks our own writes. The writer puts a
// stamp first in the file: its build id and a digest of the rest of the text. A read that finds
// this build's id and a matching digest may skip the schema check; a file edited by hand, written
// by another build (an update: the schema may have changed) or by anything else is checked in full.
// The digest catches edits and damage, not an attacker: one who can write the data directory can
// write a valid state as well.
import { createHash } from 'node:crypto';

/** Replaced at build time (electron.vite.config.ts): unique per build. From sources: 'source'. */
declare const __STATE_WRITER__: string | undefined;
export const BUILD_WRITER = typeof __STATE_WRITER__ === 'string' ? __STATE_WRITER__ : 'source';

const PREFIX = '{"written":"';

function digest(writer: string, body: string): string {
  return createHash('sha1').update(writer).update('\n').update(body).digest('base64url');
}

/** The JSON object text `json` with the stamp as its first member. */
export function signText(json: string, writer: string): string {
  if (!/^[\w.+-]+$/.test(writer)) throw new Error(`writer id ${writer} must be plain (letters, digits, . + - _)`);
  if (!json.startsWith('{')) return json;
  const stamp = `${writer} ${digest(writer, json)}`;
  return `${PREFIX}${stamp}"${json === '{}' ? '}' : `,${json.slice(1)}`}`;
}

/**
 * The text as it was before signing, when `text` carries `writer`'s stamp and is unchanged since;
 * undefined otherwise (no stamp, another writer's, or edited).
 */
export function signedBody(text: string, writer: string): string | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const end = text.indexOf('"', PREFIX.length);
  if (end < 0) return undefined;
  const [by, sum] = text.slice(PREFIX.length, end).split(' ');
  if (by !== writer) return undefined;
  const rest = text.slice(end + 1);
  const body = rest === '}' ? '{}' : rest.startsWith(',') ? `{${rest.slice(1)}` : undefined;
  return body !== undefined && digest(writer, body) === sum ? body : undefined;
}
