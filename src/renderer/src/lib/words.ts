// The words for states, outcomes and runs (UI.md "Words"): each state has one colour and always a word.
import type { Outcome, RunReport, Trigger } from '../../../shared/run-report';
import type { StatusView } from '../../../shared/status';

/** The five states of the app (UI.md "Look"): colour class + word. */
export type Tone = 'ok' | 'syncing' | 'attention' | 'error' | 'paused' | 'idle';

export const outcomeWords: Record<Outcome, { word: string; tone: Tone }> = {
  ok: { word: 'Synced', tone: 'ok' },
  partial: { word: 'Partly synced', tone: 'attention' },
  failed: { word: 'Failed', tone: 'error' },
  guarded: { word: 'Stopped for safety', tone: 'error' },
};

export const triggerWords: Record<Trigger, string> = {
  manual: 'Sync Now',
  schedule: 'Scheduled',
  wake: 'After wake',
  cli: 'Command line',
  undo: 'Undo',
};

export { plural, sideName, writesTo } from '../../../shared/words';

/** The app's overall state, as the tray badge would show it. */
export function overallState(status: StatusView): { tone: Tone; word: string } {
  if (status.running) return { tone: 'syncing', word: 'Syncing' };
  if (status.guard) return { tone: 'attention', word: 'Waiting for your decision' };
  if (status.icloud.health === 'error' || status.platform.health === 'error') return { tone: 'error', word: 'Needs reconnecting' };
  if (status.paused) return { tone: 'paused', word: 'Paused' };
  if (status.counts.conflicts + status.counts.attention > 0) return { tone: 'attention', word: 'Needs you' };
  if (status.lastRun) return { tone: 'ok', word: 'In sync' };
  return { tone: 'idle', word: 'Not synced yet' };
}

export const opWords: Record<RunReport['items'][number]['op'], string> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
  skip: 'Skipped',
  conflict: 'Conflict',
  detach: 'Needs attention',
  adopt: 'Matched',
  notice: 'Note',
};
