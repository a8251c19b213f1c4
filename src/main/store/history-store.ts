// history.json: run reports, newest last on disk, returned newest first. Kept apart from state.json
// so a long history never slows down state writes. Retention: at most `maxRuns` and `maxAgeDays`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { runReportSchema, type RunReport } from '../../shared/run-report';
import { JsonDocument } from './json-document';

const HISTORY_SCHEMA_VERSION = 1;
const historySchema = z.object({ schemaVersion: z.literal(HISTORY_SCHEMA_VERSION), runs: z.array(runReportSchema) });
type History = z.infer<typeof historySchema>;
/** How the file starts and what each run holds once, as JSON.stringify writes them. */
const RUNS_OPEN = `{"schemaVersion":${HISTORY_SCHEMA_VERSION},"runs":[`;
const STARTED_AT = '"startedAt":"';

export interface Retention {
  maxRuns: number;
  maxAgeDays: number;
}
export const defaultRetention: Retention = { maxRuns: 10_000, maxAgeDays: 90 };

export class HistoryStore {
  private readonly doc: JsonDocument<History>;
  private readonly file: string;
  /**
   * The parsed runs and the file version they came from. Reading and checking 10,000 runs takes
   * ~150 ms; the History view asks page by page, so it is read again only when the file changed
   * (another process — the CLI — may have appended).
   */
  private cache: { version: string; runs: RunReport[] } | undefined;
  readonly notices: string[] = [];

  constructor(
    dataDir: string,
    private readonly retention: Retention = defaultRetention,
  ) {
    this.file = path.join(dataDir, 'history.json');
    this.doc = new JsonDocument<History>({
      file: this.file,
      schema: historySchema as never,
      initial: () => ({ schemaVersion: HISTORY_SCHEMA_VERSION, runs: [] }),
      version: HISTORY_SCHEMA_VERSION,
      migrations: {},
      // Losing the history costs only the history: a file from elsewhere (no schema version, another
      // app's, a newer one) is set aside like undo.json's, never a stopped sync (it was read at the
      // end of every run, so every run failed).
      setAsideOtherVersions: true,
      onQuarantine: (message) => this.notices.push(message),
    });
  }

  /** Newest first. Callers hold the data-dir lock when they also write state (the sync cycle does). */
  async list(limit = Number.POSITIVE_INFINITY): Promise<RunReport[]> {
    const runs = await this.readRuns();
    return runs.slice(-Math.min(limit, runs.length)).reverse();
  }

  async append(report: RunReport, now = new Date()): Promise<void> {
    const cached = this.cache;
    this.cache = undefined; // read fresh: the CLI may have appended since
    const oldest = now.getTime() - this.retention.maxAgeDays * 86_400_000;
    if (await this.appendInPlace(report, oldest, cached)) return;
    const runs = await this.runsToKeep();
    const kept = [...runs, report].filter((run) => Date.parse(run.startedAt) >= oldest).slice(-this.retention.maxRuns);
    await this.doc.write({ schemaVersion: HISTORY_SCHEMA_VERSION, runs: kept });
    this.cache = { version: await this.version(), runs: kept };
  }

  /**
   * Every cycle appends one run: the runs already there are neither parsed nor written out again
   * (issue 16) — the new run's text goes before the file's closing `]}` when nothing needs pruning.
   * Only a run has a `startedAt` (and a string holding those characters is escaped in JSON), so
   * counting them counts the runs and the first is the oldest run's. False: the caller reads and
   * prunes the whole file (retention due, no file yet, or one not written as this store writes).
   */
  private async appendInPlace(report: RunReport, oldest: number, cached: typeof this.cache): Promise<boolean> {
    const before = await this.version();
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return false;
    }
    if (!text.startsWith(RUNS_OPEN) || !text.endsWith(']}')) return false;
    let count = 0;
    let first = -1;
    for (let at = text.indexOf(STARTED_AT); at >= 0; at = text.indexOf(STARTED_AT, at + STARTED_AT.length)) {
      if (first < 0) first = at + STARTED_AT.length;
      count += 1;
    }
    const empty = text === `${RUNS_OPEN}]}`;
    const keepsOldest = count === 0 ? empty : Date.parse(text.slice(first, text.indexOf('"', first))) >= oldest;
    if (!keepsOldest || count + 1 > this.retention.maxRuns) return false;
    await this.doc.writeText(`${text.slice(0, -2)}${empty ? '' : ','}${JSON.stringify(report)}]}`);
    // The app's cached runs, when they were the file's, stay good with this one added.
    if (cached?.version === before) this.cache = { version: await this.version(), runs: [...cached.runs, report] };
    return true;
  }

  /**
   * The runs to append to. Appending needs only each run's start (retention), so the file is parsed,
   * not checked run by run (a first sync's report of 5,000 items took longer to check than the cycle
   * after it): a run is validated where it is shown (list). A file that is not a history at all goes
   * through the document's read, which keeps it aside.
   */
  private async runsToKeep(): Promise<RunReport[]> {
    let data: unknown;
    try {
      data = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      return (await this.doc.read()).runs;
    }
    const shaped = (value: unknown): value is { schemaVersion: number; runs: { startedAt: string }[] } => {
      const file = value as { schemaVersion?: unknown; runs?: unknown } | null;
      return Boolean(file) && file!.schemaVersion === HISTORY_SCHEMA_VERSION && Array.isArray(file!.runs)
        && (file!.runs as unknown[]).every((run) => typeof (run as { startedAt?: unknown } | null)?.startedAt === 'string');
    };
    return shaped(data) ? (data.runs as RunReport[]) : (await this.doc.read()).runs;
  }

  private async readRuns(): Promise<RunReport[]> {
    const version = await this.version();
    if (this.cache?.version === version) return this.cache.runs;
    const { runs } = await this.doc.read();
    this.cache = { version: await this.version(), runs };
    return runs;
  }

  /** Changes whenever the file is replaced (atomic writes rename a new file into place). */
  private async version(): Promise<string> {
    try {
      const stat = await fs.stat(this.file, { bigint: true });
      return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
    } catch {
      return 'missing';
    }
  }
}
