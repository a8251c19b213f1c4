// One JSON document on disk, through lowdb (atomic writes via steno: temp file + rename, so a crash
// never leaves half a file). A file that cannot be parsed or fails its schema is moved aside, never
// overwritten, and the caller is told where it went.
import fs from 'node:fs/promises';
import path from 'node:path';
import { signedBody, signText } from './writer-stamp';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { z } from 'zod';
import { migrate, MigrationError, type Migration } from './migrations';

export interface DocumentSpec<T> {
  file: string;
  schema: z.ZodType<T>;
  initial: () => T;
  version: number;
  migrations: Record<number, Migration>;
  /**
   * The file's form, when it differs from the value in memory (state.json is compact on disk).
   * decode must build a value that shares no object with the file's (the cache decodes it again).
   */
  disk?: { decode: (file: never, options: { lazy: boolean }) => T; encode: (value: T) => unknown };
  /** Called once when the file was unreadable and has been kept aside. */
  onQuarantine?: (message: string) => void;
  /** Called when a read repaired the file (`repair`): the user must hear what was dropped. */
  onNotice?: (message: string) => void;
  /**
   * A file of a schema version this app cannot read (none, unknown, newer) is set aside like an
   * unreadable one instead of refused: for files whose loss costs little (undo.json), so a foreign
   * one never stops a sync. state.json leaves it unset: a newer state is refused, never set aside.
   */
  setAsideOtherVersions?: boolean;
  /**
   * Drops, in place, values this build refuses but that cost too little to set the whole file aside
   * for (a title filter an older checker let pass: refused-filters.ts); says what it dropped.
   */
  repair?: (file: Record<string, unknown>) => string | undefined;
  /**
   * This build's writer id (writer-stamp.ts): the file is written with a stamp, and a file whose
   * stamp is this writer's and matches its text is read without the schema check (its own writes,
   * checked where they entered). Any other file — hand-edited, another build's, foreign — is
   * validated in full as always.
   */
  writer?: string;
}

export class UnreadableFileError extends Error {}

export class JsonDocument<T> {
  private readonly db: Low<unknown>;
  /**
   * The text last read from or written to the file by this document. A write of the same text is
   * skipped: a cycle that changed nothing then leaves state.json alone (issue 16) — no rewrite, no
   * fsync. Callers that write hold the data-directory lock and read under it first, so the text is
   * what is on disk.
   */
  private onDisk: string | undefined;
  /** The text write() computed, handed to lowdb so it is not serialised twice. */
  private pending = '';
  /**
   * The file last read was valid but not stamped by this build (`writer`): checked in full, and it
   * will be on every read until it is written again (StateStore re-stamps it after a cycle).
   */
  unstamped = false;

  constructor(private readonly spec: DocumentSpec<T>) {
    this.db = new Low<unknown>(
      // Compact JSON: state.json is rewritten often during a sync and must stay small.
      new DataFile<unknown>(spec.file, {
        parse: (text) => {
          this.onDisk = text;
          return JSON.parse(text) as unknown;
        },
        stringify: () => this.pending,
      }),
      null,
    );
  }

  /**
   * The value last read or written and the file version it matches. The app keeps running between
   * cycles: while the file is the one it last saw, a read is a copy of that value, not a parse and a
   * full validation again (~0.15 s at 5,000 events). Another process (the CLI) replaces the file by
   * an atomic rename, which changes its inode, so its writes are always seen.
   */
  private cache: { version: string; copy: () => T; text: string | undefined } | undefined;
  /** What the last readFile validated, to make fresh copies from without a second validation. */
  private validated: (() => T) | undefined;

  /** Read the document from disk; a missing file gives the initial value. */
  async read(): Promise<T> {
    const version = await this.version();
    if (version !== 'missing' && this.cache?.version === version) {
      this.onDisk = this.cache.text;
      return this.cache.copy();
    }
    this.cache = undefined;
    const value = await this.readFile();
    if (version !== 'missing' && this.onDisk !== undefined && this.validated) this.cache = { version, copy: this.validated, text: this.onDisk };
    return value;
  }

  private async version(): Promise<string> {
    try {
      const stat = await fs.stat(this.spec.file, { bigint: true });
      return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
    } catch {
      return 'missing';
    }
  }

  private async readFile(): Promise<T> {
    this.unstamped = false;
    this.onDisk = undefined;
    this.validated = undefined;
    try {
      await this.db.read();
    } catch (error) {
      if (error instanceof SyntaxError) return this.quarantine(`it is not valid JSON (${error.message})`);
      throw new UnreadableFileError(
        `Cannot read ${this.spec.file}: ${(error as Error).message}. Fix its permissions; nothing was changed.`,
      );
    }
    if (this.db.data === null || this.db.data === undefined) return this.spec.initial();
    if (typeof this.db.data !== 'object' || Array.isArray(this.db.data)) {
      return this.quarantine('it does not hold a JSON object');
    }
    // Our own write, unchanged since: it was this build's state, validated where it entered.
    const trusted = this.spec.writer !== undefined && this.onDisk !== undefined && signedBody(this.onDisk, this.spec.writer) !== undefined
      && (this.db.data as { schemaVersion?: unknown }).schemaVersion === this.spec.version;
    let migrated: Record<string, unknown>;
    try {
      migrated = migrate(this.db.data as Record<string, unknown>, this.spec.version, this.spec.migrations);
    } catch (error) {
      if (!(error instanceof MigrationError) || !this.spec.setAsideOtherVersions) throw error;
      return this.quarantine(`its schema version is not one this app reads (${String((this.db.data as { schemaVersion?: unknown }).schemaVersion)})`);
    }
    // A trusted file is this build's own write, which never holds a value this build refuses.
    const repaired = trusted ? undefined : this.spec.repair?.(migrated);
    if (repaired) this.spec.onNotice?.(repaired);
    const parsed = trusted ? { success: true as const, data: migrated as T } : this.spec.schema.safeParse(migrated);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return this.quarantine(`its content is not valid (${first?.path.join('.') || 'root'}: ${first?.message})`);
    }
    this.unstamped = this.spec.writer !== undefined && !trusted;
    if (!this.spec.disk) {
      const kept = structuredClone(parsed.data);
      this.validated = () => structuredClone(kept);
      return parsed.data;
    }
    const { decode } = this.spec.disk;
    try {
      // Our own stamped write may be decoded lazily (decodeState's `lazy`): it cannot fail to decode.
      const value = decode(parsed.data as never, { lazy: trusted });
      // The decoded value shares nothing with the validated file (decode builds every object anew),
      // so a later copy is one more decode: no copy now, no parse nor validation then. The CLI reads
      // once and pays nothing for the app's cache.
      this.validated = () => decode(parsed.data as never, { lazy: trusted });
      return value;
    } catch (error) {
      return this.quarantine(`its content is not valid (${(error as Error).message})`);
    }
  }

  async write(value: T): Promise<void> {
    // The directory holds account ids and event titles: only this user may read it.
    await fs.mkdir(path.dirname(this.spec.file), { recursive: true, mode: 0o700 });
    this.db.data = this.spec.disk ? this.spec.disk.encode(value) : value;
    const json = JSON.stringify(this.db.data);
    const text = this.spec.writer !== undefined ? signText(json, this.spec.writer) : json;
    if (text === this.onDisk) return;
    this.pending = text;
    this.cache = undefined;
    await this.db.write();
    this.unstamped = false;
    // The encoded tree is not needed once written (a read parses the file again): a first sync of
    // 10,000 events would otherwise keep a second copy of its state alive between saves.
    this.db.data = null;
    this.pending = '';
    // Not cached here: a first sync saves often and a copy per save would cost more than the one
    // parse of the next read, after which an idle app reads from memory again.
    this.onDisk = text;
  }

  /**
   * Write text the caller made from the file as it is (history-store.ts appends to it without
   * parsing it); atomic like write(). The caller holds what the file holds: no check here.
   */
  async writeText(text: string): Promise<void> {
    await fs.mkdir(path.dirname(this.spec.file), { recursive: true, mode: 0o700 });
    this.pending = text;
    this.cache = undefined;
    // lowdb writes only when it holds data; what it writes is `pending` (the stringify hook).
    this.db.data = true;
    await this.db.write();
    this.db.data = null;
    this.pending = '';
    this.onDisk = text;
  }

  private async quarantine(why: string): Promise<T> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const parsed = path.parse(this.spec.file);
    const aside = path.join(parsed.dir, `${parsed.name}.unreadable-${stamp}${parsed.ext}`);
    await fs.rename(this.spec.file, aside);
    this.spec.onQuarantine?.(
      `${parsed.base} could not be read because ${why}. It was kept as ${aside} and a fresh one was started.`,
    );
    return this.spec.initial();
  }
}
