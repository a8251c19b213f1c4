// undo.json: what each recent run needs to be reversed (undo-entry.ts), keyed by run id. Apart
// from history.json because it holds contents (whole iCloud files, notes, addresses) and because it
// is kept far shorter. Retention (DESIGN "Undo"): the last 20 runs that changed something, none older
// than 14 days, and at most 5 MB in all — the oldest go first; a run whose records alone pass the cap
// is not kept (its report says `undoable: false`).
import path from 'node:path';
import { z } from 'zod';
import { undoRunSchema, type UndoEntry, type UndoRun } from './undo-entry';
import { JsonDocument } from './json-document';

const UNDO_SCHEMA_VERSION = 1;
const undoFileSchema = z.object({ schemaVersion: z.literal(UNDO_SCHEMA_VERSION), runs: z.array(undoRunSchema) });
type UndoFile = z.infer<typeof undoFileSchema>;

export interface UndoRetention {
  maxRuns: number;
  maxAgeDays: number;
  maxBytes: number;
}
export const defaultUndoRetention: UndoRetention = { maxRuns: 20, maxAgeDays: 14, maxBytes: 5 * 1024 * 1024 };

export class UndoStore {
  private readonly doc: JsonDocument<UndoFile>;
  readonly notices: string[] = [];

  constructor(
    dataDir: string,
    private readonly retention: UndoRetention = defaultUndoRetention,
  ) {
    this.doc = new JsonDocument<UndoFile>({
      file: path.join(dataDir, 'undo.json'),
      schema: undoFileSchema as never,
      initial: () => ({ schemaVersion: UNDO_SCHEMA_VERSION, runs: [] }),
      version: UNDO_SCHEMA_VERSION,
      migrations: {},
      // Losing undo records costs only the undo: a file from elsewhere is set aside, never a stopped sync.
      setAsideOtherVersions: true,
      onQuarantine: (message) => this.notices.push(message),
    });
  }

  /** Keep a run's records (callers hold the data-dir lock); false when retention leaves it out. */
  async save(runId: string, entries: UndoEntry[], now: Date): Promise<boolean> {
    if (entries.length === 0) return false;
    const { runs } = await this.doc.read();
    const kept = this.retain([...runs, { runId, recordedAt: now.toISOString(), entries }], now);
    await this.doc.write({ schemaVersion: UNDO_SCHEMA_VERSION, runs: kept });
    return kept.some((run) => run.runId === runId);
  }

  /** A run's records while retention keeps them and it was not undone already. */
  async get(runId: string, now: Date): Promise<UndoRun | undefined> {
    const { runs } = await this.doc.read();
    return this.retain(runs, now).find((run) => run.runId === runId);
  }

  /** The run was reversed by `undoneBy` (an undo happens once). */
  async markUndone(runId: string, undoneBy: string, now: Date): Promise<void> {
    const { runs } = await this.doc.read();
    const kept = this.retain(runs, now).map((run) => (run.runId === runId ? { ...run, undoneBy } : run));
    await this.doc.write({ schemaVersion: UNDO_SCHEMA_VERSION, runs: kept });
  }

  /** Every kept run (diagnostics). */
  async list(now: Date): Promise<UndoRun[]> {
    return this.retain((await this.doc.read()).runs, now);
  }

  private retain(runs: UndoRun[], now: Date): UndoRun[] {
    const oldest = now.getTime() - this.retention.maxAgeDays * 86_400_000;
    const kept = runs.filter((run) => Date.parse(run.recordedAt) >= oldest).slice(-this.retention.maxRuns);
    // Newest first until the cap: one oversized run never pushes out all the others.
    const result: UndoRun[] = [];
    let bytes = 0;
    for (const run of kept.reverse()) {
      const size = Buffer.byteLength(JSON.stringify(run));
      if (bytes + size > this.retention.maxBytes) continue;
      bytes += size;
      result.unshift(run);
    }
    return result;
  }
}
