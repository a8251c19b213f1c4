// Title filters (DESIGN "What crosses"): a plain text, matched case-insensitively anywhere in the
// title, or a regular expression written `/…/` or `/…/i`. A pattern is checked when it is set, so a
// bad one is refused with a clear message instead of failing a sync later.
//
// Safety against catastrophic backtracking, three bounds: a pattern may not repeat a group that itself
// repeats or has alternatives (`(a+)+`, `(a|a)*`: the shape behind exponential backtracking, the
// star-height test of safe-regex and a bit more) nor use back-references; it has at most one
// open-ended repetition (`*`, `+`, `{n,}`, or `{n,m}` with m > 10): two already make `a*a*b` take
// ~100 ms on 255 characters, three ~5 s; and a title is matched on its first 255 characters only (the
// platform's title limit, shared/platform-limits.ts). With one repetition a match is at worst
// quadratic in 255 characters: well under a millisecond.

export type PatternResult = { ok: true; pattern: string } | { ok: false; message: string };

/** At most this many patterns per source, each at most this long: enough for any real list. */
export const TITLE_FILTER_MAX_COUNT = 50;
export const TITLE_PATTERN_MAX_LENGTH = 200;
/** Titles are matched on this many characters (the platform's title limit). */
export const TITLE_MATCH_LENGTH = 255;

const regexForm = /^\/(.+)\/(i?)$/s;

/** A pattern as a RegExp (the plain form is escaped and made case-insensitive). */
export function compileTitlePattern(pattern: string): RegExp {
  const regex = regexForm.exec(pattern);
  if (regex) return new RegExp(regex[1], regex[2]);
  return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

export function checkTitlePattern(value: unknown): PatternResult {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, message: 'a title filter is a non-empty text' };
  if (value.length > TITLE_PATTERN_MAX_LENGTH) return { ok: false, message: `a title filter is at most ${TITLE_PATTERN_MAX_LENGTH} characters` };
  const regex = regexForm.exec(value);
  if (!regex) {
    if (value.startsWith('/') && value.length > 1 && /\/[a-z]*$/.test(value.slice(1))) {
      return { ok: false, message: `"${value}": a regular expression is written /…/ or /…/i (only the i flag)` };
    }
    return { ok: true, pattern: value };
  }
  try {
    new RegExp(regex[1], regex[2]);
  } catch (error) {
    return { ok: false, message: `"${value}" is not a valid regular expression: ${(error as Error).message}` };
  }
  const risk = backtrackingRisk(regex[1]);
  if (risk) return { ok: false, message: `"${value}" is refused: ${risk}` };
  return { ok: true, pattern: value };
}

/**
 * Why a pattern could backtrack catastrophically, or undefined: a repeated group whose body itself
 * repeats or has alternatives (`(a+)+`, `(a|a)*`), or a back-reference. Conservative on purpose: a
 * title filter never needs those shapes.
 */
function backtrackingRisk(body: string): string | undefined {
  // For each open group: whether it holds a quantifier or an alternative (repeating it is then
  // risky), and how many alternatives it has (each one more way a failing match is retried).
  const groups: { risky: boolean; alternatives: number }[] = [];
  let topAlternatives = 1;
  let lastGroupRisky = false;
  let open = 0;
  let choices = 1;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      if (!inClass && /[1-9k]/.test(body[i + 1] ?? '')) return 'back-references are not allowed in a title filter';
      i++;
      lastGroupRisky = false;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') groups.push({ risky: false, alternatives: 1 });
    else if (ch === '|') {
      const group = groups[groups.length - 1];
      if (group) {
        group.risky = true;
        group.alternatives++;
      } else topAlternatives++;
    } else if (ch === ')') {
      const group = groups.pop();
      lastGroupRisky = group?.risky ?? false;
      if (lastGroupRisky && groups.length) groups[groups.length - 1]!.risky = true;
      // Groups with alternatives in a row multiply like repetitions do: `(a|a)` ×22 then `b` took
      // 130 s on a 255-character title, `(x|y|z)?` ×20 then `w` 38 s (found by the hostile test).
      choices *= group?.alternatives ?? 1;
      if (choices > MAX_REPETITION_CHOICES) return tooManyWays;
      continue;
    } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      const isQuantifier = ch !== '{' || /^\{\d+(,\d*)?\}/.test(body.slice(i));
      // `?` after `(` is a group modifier, after a quantifier it makes it lazy: neither repeats.
      const repeats = isQuantifier && !(ch === '?' && (body[i - 1] === '(' || '*+?}'.includes(body[i - 1])));
      if (repeats && ch !== '?' && lastGroupRisky) return 'a repeated group that itself repeats or has alternatives (like (a+)+ or (a|b)*) can take very long to match';
      if (repeats && groups.length) groups[groups.length - 1]!.risky = true;
      if (repeats && isOpenEnded(ch, body.slice(i)) && ++open > 1) return 'more than one open-ended repetition (*, +, {n,}) can take very long to match: use one, or two filters';
      if (repeats) choices *= choicesOf(ch, body.slice(i));
      if (choices > MAX_REPETITION_CHOICES) return tooManyWays;
    }
    lastGroupRisky = false;
  }
  // Top-level alternatives are tried one after the other at each position: they count once each.
  if (choices * topAlternatives > MAX_REPETITION_CHOICES) return tooManyWays;
  return undefined;
}

const tooManyWays = 'too many repetitions or alternatives in a row (like a?a?a?…, a{0,10}a{0,10}… or (a|b)(a|b)…) can take very long to match: use fewer, or two filters';

/**
 * Bounded repetitions multiply the ways a failing match is retried: `a{0,10}` twelve times took 44 s
 * on 22 characters, `(?:a?)` twenty times 0.3 s and doubling with each (found by the hostile test).
 * The product of the counts each repetition can take stays under this (255 characters × 20,000
 * tries is well under a second); `.*` counts as 256 ways (a title's length), a group with k
 * alternatives as k ways.
 */
const MAX_REPETITION_CHOICES = 20_000;

/** How many counts a quantifier lets its atom repeat: `?` 2, `{2,5}` 4, open-ended 256. */
function choicesOf(ch: string, rest: string): number {
  if (ch === '?') return 2;
  if (ch === '*' || ch === '+') return TITLE_MATCH_LENGTH + 1;
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(rest);
  if (!bounds || bounds[2] === undefined) return 1;
  if (bounds[3] === '') return TITLE_MATCH_LENGTH + 1;
  return Math.min(Math.max(Number(bounds[3]) - Number(bounds[1]) + 1, 1), TITLE_MATCH_LENGTH + 1);
}

/** `*`, `+`, `{n,}` and `{n,m}` with m > 10 repeat without a small bound. */
function isOpenEnded(ch: string, rest: string): boolean {
  if (ch === '*' || ch === '+') return true;
  if (ch !== '{') return false;
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(rest);
  if (!bounds || bounds[2] === undefined) return false;
  return bounds[3] === '' || Number(bounds[3]) > 10;
}
