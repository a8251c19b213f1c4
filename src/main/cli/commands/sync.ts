// `sync`, `history`, `conflicts`, `resolve`, `attention`, `restore`, `cancel`.
import type { RunReport } from '../../../shared/run-report';
import { SyncError } from '../../errors';
import type { Command } from '../command';
import { ExitCode, UsageError } from '../exit-codes';

const exitForReport = (report: RunReport): number => {
  if (!report.error) return ExitCode.ok;
  return { auth: ExitCode.credentials, network: ExitCode.unreachable, throttled: ExitCode.unreachable, guard: ExitCode.guard, internal: ExitCode.other }[report.error.kind];
};

export function describeReport(report: RunReport): string {
  const { counts } = report;
  const lines = [
    `${report.finishedAt} ${report.outcome}: to iCloud +${counts.icloud.created} ~${counts.icloud.updated} -${counts.icloud.deleted}, ` +
      `to the platform +${counts.platform.created} ~${counts.platform.updated} -${counts.platform.deleted}, ` +
      `${counts.skipped} skipped, ${counts.conflicts} conflicts, ${counts.errors} errors ` +
      `(${report.requests.icloud} iCloud / ${report.requests.platform} platform requests)`,
    ...report.items.map((i) => `  ${i.op} ${i.side}: ${i.title}${i.reason ? ` — ${i.reason}` : ''}${i.error ? ` (error: ${i.error})` : ''}`),
  ];
  if (report.error) lines.push(`  ${report.error.message}`);
  return lines.join('\n');
}

export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync [--allow-deletions]',
  summary: 'run one cycle now and print its run report',
  options: { 'allow-deletions': { type: 'boolean' } },
  async run({ services, values }) {
    const report = await services.sync.run('cli', { allowDeletions: Boolean(values['allow-deletions']) }).report;
    return { json: report, text: describeReport(report), exitCode: exitForReport(report) };
  },
};

export const historyCommand: Command = {
  name: 'history',
  usage: 'history [--limit N]',
  summary: 'run reports, newest first',
  options: { limit: { type: 'string' } },
  async run({ services, values }) {
    const limitText = values.limit as string | undefined;
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1, not "${limitText}".`);
    const runs = await services.history.list(limit);
    return { json: runs, text: runs.length ? runs.map(describeReport).join('\n') : 'No runs yet.' };
  },
};

export const conflictsCommand: Command = {
  name: 'conflicts',
  usage: 'conflicts',
  summary: 'open conflicts with both versions',
  options: {},
  async run({ services }) {
    const conflicts = await services.conflicts();
    const text = conflicts.length
      ? conflicts.map((c) => `${c.id}  "${c.title}" — changed: ${c.changed.join(', ')}\n  iCloud:   ${c.icloud.title} ${c.icloud.start}–${c.icloud.end}\n  platform: ${c.platform.title} ${c.platform.start}–${c.platform.end}`).join('\n')
      : 'No open conflicts.';
    return { json: conflicts, text };
  },
};

export const resolveCommand: Command = {
  name: 'resolve',
  usage: 'resolve ID --keep platform|icloud',
  summary: 'settle a conflict by keeping one side\'s version',
  options: { keep: { type: 'string' } },
  async run({ services, positionals, values }) {
    const [id] = positionals;
    const keep = values.keep;
    if (!id || (keep !== 'platform' && keep !== 'icloud')) throw new UsageError('Usage: icloud-sync resolve ID --keep platform|icloud');
    const report = await services.sync.resolve([id], keep, 'cli');
    return { json: report, text: describeReport(report) };
  },
};

export const attentionCommand: Command = {
  name: 'attention',
  usage: 'attention',
  summary: 'detached pairs (a mirror was deleted) and their two actions',
  options: {},
  async run({ services }) {
    const items = await services.attention();
    const text = items.length ? items.map((i) => `${i.id}  ${i.message}\n  → icloud-sync restore ${i.id}  |  icloud-sync cancel ${i.id}`).join('\n') : 'Nothing needs your attention.';
    return { json: items, text };
  },
};

function actionCommand(name: 'restore' | 'cancel', summary: string): Command {
  return {
    name,
    usage: `${name} ID`,
    summary,
    options: {},
    async run({ services, positionals }) {
      const [id] = positionals;
      if (!id) throw new UsageError(`Usage: icloud-sync ${name} ID (see \`icloud-sync attention\`).`);
      const report = await (name === 'restore' ? services.sync.restore(id, 'cli') : services.sync.cancel(id, 'cli'));
      if (report.error) throw new SyncError('internal', report.error.message);
      return { json: report, text: describeReport(report) };
    },
  };
}

export const restoreCommand = actionCommand('restore', 'recreate the deleted mirror of a detached pair');
export const cancelCommand = actionCommand('cancel', 'cancel the appointment (iCloud copy deleted) or stop syncing the event (blocked slot deleted)');
