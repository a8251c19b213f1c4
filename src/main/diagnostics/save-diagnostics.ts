// Writes the support file for the CLI (`diagnostics --out FILE`) and the window ("Save
// Diagnostics…", to the path its save dialog chose): private to the user, like the data directory.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DoctorReport } from '../../shared/doctor';
import type { HistoryStore } from '../store/history-store';
import type { StateStore } from '../store/state-store';
import type { UndoStore } from '../store/undo-store';
import { DEFAULT_RUNS, buildDiagnostics } from './build-diagnostics';

export interface SaveDiagnosticsDeps {
  state: StateStore;
  history: HistoryStore;
  /** undo.json: its records go in redacted like the run reports. */
  undo?: UndoStore;
  doctor(): Promise<{ report: DoctorReport }>;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export interface SaveDiagnosticsOptions {
  out: string;
  includeTitles?: boolean;
  runs?: number;
}

const secretVariables = ['ICLOUD_SYNC_APP_PASSWORD', 'ICLOUD_SYNC_PLATFORM_TOKEN', 'ICLOUD_SYNC_PLATFORM_TOKENS'];

export async function saveDiagnostics(deps: SaveDiagnosticsDeps, options: SaveDiagnosticsOptions) {
  const [state, runs, doctor, undo] = await Promise.all([
    deps.state.read(), deps.history.list(options.runs ?? DEFAULT_RUNS), deps.doctor(), deps.undo?.list(deps.now()) ?? Promise.resolve([]),
  ]);
  const knownSecrets = secretVariables.flatMap((name) => secretValues(deps.env[name]));
  const document = buildDiagnostics({ state, runs, undo, doctor: doctor.report, includeTitles: Boolean(options.includeTitles), knownSecrets, now: deps.now(), homeDir: os.homedir() });
  const file = path.resolve(options.out);
  await fs.writeFile(file, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
  return { path: file, runs: runs.length, doctor: doctor.report };
}

/** A secret variable's value, and for the per-location JSON object each token in it. */
function secretValues(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') return [raw, ...Object.values(parsed).filter((v): v is string => typeof v === 'string')];
  } catch {
    // a plain secret
  }
  return [raw];
}
