// Stable placeholders for what identifies people or their business: the same title becomes the
// same `title-3` everywhere in one diagnostics file (so support can still see "these two items are
// the same event"), and differs between files (the numbers mean nothing outside it).
//
// Two passes. Fields known to hold such text (title, notes, address, calendar names) are replaced
// by key; then every string in the document is scrubbed of the values already seen (a title quoted
// inside an error message), of email addresses (always, even with titles included), and of anything
// shaped like a secret. Secrets are never read for the file; the scrub is a second line of defence.

export type PlaceholderKind = 'title' | 'note' | 'address' | 'calendar' | 'email';

/** Keys whose string values are replaced, wherever they appear (run reports, undo records…). */
const fieldKinds: Record<string, PlaceholderKind> = {
  title: 'title',
  summary: 'title',
  notes: 'note',
  description: 'note',
  address: 'address',
  location: 'address',
  /** An undo record's whole iCloud file (summary, description, location, attendees inside). */
  previousIcs: 'note',
};

const EMAIL = /[^\s@"'<>(),;:/]+@[^\s@"'<>(),;:/]+\.[A-Za-z]{2,}/g;
/** The same inside URLs (CalDAV paths carry the Apple ID as `alice%40example.com`). */
const ENCODED_EMAIL = /[A-Za-z0-9._%+-]+%40[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi;
/** An app-specific password's shape (xxxx-xxxx-xxxx-xxxx) and long token-like runs (JWTs, PITs). */
const SECRET_SHAPES = [/\b[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}\b/g, /\b(?:pit-)?[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g];
export const SECRET_PLACEHOLDER = '[secret removed]';

export interface RedactorOptions {
  /** --include-titles: titles, notes, addresses and calendar names stay as they are. */
  includeTitles: boolean;
  /** Secret values known to this process (the env overrides), removed wherever they appear. */
  secrets?: string[];
  /** The user's home folder: written as `~` (paths in the doctor's lines carry the user name). */
  homeDir?: string;
}

export class Redactor {
  private readonly seen = new Map<string, string>();
  private readonly counters = new Map<PlaceholderKind, number>();
  private readonly secrets: string[];

  constructor(private readonly options: RedactorOptions) {
    this.secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  }

  /** The placeholder for a value (or the value itself when the user opted in and it is not an email). */
  placeholder(kind: PlaceholderKind, value: string): string {
    if (value === '' || (this.options.includeTitles && kind !== 'email')) return value;
    const key = `${kind}\u0000${value}`;
    let placeholder = this.seen.get(key);
    if (!placeholder) {
      const n = (this.counters.get(kind) ?? 0) + 1;
      this.counters.set(kind, n);
      placeholder = `${kind}-${n}`;
      this.seen.set(key, placeholder);
    }
    return placeholder;
  }

  /** Replace the known fields of a JSON value, recursively. */
  fields<T>(value: T): T {
    return walk(value, (key, text) => (key in fieldKinds ? this.placeholder(fieldKinds[key], text) : text)) as T;
  }

  /** Scrub every string of a JSON value: known values, emails, secrets. Run last, on the whole file. */
  scrub<T>(value: T): T {
    // Longest first, so "Team sync" is replaced before "Team".
    const known = [...this.seen]
      .map(([key, placeholder]) => [key.slice(key.indexOf('\u0000') + 1), placeholder] as const)
      .filter(([original, placeholder]) => original.length >= 3 && original !== placeholder)
      .sort((a, b) => b[0].length - a[0].length);
    return walk(value, (_key, text) => {
      let out = text;
      const home = this.options.homeDir;
      if (home && home.length > 1) out = out.split(home).join('~');
      for (const secret of this.secrets) out = out.split(secret).join(SECRET_PLACEHOLDER);
      for (const shape of SECRET_SHAPES) out = out.replace(shape, SECRET_PLACEHOLDER);
      out = out.replace(ENCODED_EMAIL, (email) => this.placeholder('email', safeDecode(email).toLowerCase()));
      out = out.replace(EMAIL, (email) => this.placeholder('email', email.toLowerCase()));
      if (!this.options.includeTitles) for (const [original, placeholder] of known) out = out.split(original).join(placeholder);
      return out;
    }) as T;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function walk(value: unknown, onString: (key: string, text: string) => string, key = ''): unknown {
  if (typeof value === 'string') return onString(key, value);
  if (Array.isArray(value)) return value.map((item) => walk(item, onString, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, onString, k)]));
  }
  return value;
}
