// history.json: run reports, newest last on disk, returned newest first. Kept apart from state.json
// so a long history never slows down state writes. Retention: at most `maxRuns` and `maxAgeDays`.
import path from 'node:path';
import { z } from 'zod';
import { runReportSchema, type RunReport } from '../../shared/run-report';
import { JsonDocument } from './json-document';

const HISTORY_SCHEMA_VERSION = 1;
const historySchema = z.object({ schemaVersion: z.literal(HISTORY_SCHEMA_VERSION), runs: z.array(runReportSchema) });
type History = z.infer<typeof historySchema>;

export interface Retention {
  maxRuns: number;
  maxAgeDays: number;
}
export const defaultRetention: Retention = { maxRuns: 10_000, maxAgeDays: 90 };

export class HistoryStore {
  private readonly doc: JsonDocument<History>;
  readonly notices: string[] = [];

  constructor(
    dataDir: string,
    private readonly retention: Retention = defaultRetention,
  ) {
    this.doc = new JsonDocument<History>({
      file: path.join(dataDir, 'history.json'),
      schema: historySchema as never,
      initial: () => ({ schemaVersion: HISTORY_SCHEMA_VERSION, runs: [] }),
      version: HISTORY_SCHEMA_VERSION,
      migrations: {},
      onQuarantine: (message) => this.notices.push(message),
    });
  }

  /** Newest first. Callers hold the data-dir lock when they also write state (the sync cycle does). */
  async list(limit = Number.POSITIVE_INFINITY): Promise<RunReport[]> {
    const { runs } = await this.doc.read();
    return runs.slice().reverse().slice(0, limit);
  }

  async append(report: RunReport, now = new Date()): Promise<void> {
    const history = await this.doc.read();
    const oldest = now.getTime() - this.retention.maxAgeDays * 86_400_000;
    const runs = [...history.runs, report].filter((run) => Date.parse(run.startedAt) >= oldest);
    history.runs = runs.slice(-this.retention.maxRuns);
    await this.doc.write(history);
  }
}
