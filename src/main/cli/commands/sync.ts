// `sync`, `history`, `conflicts`, `resolve` (attention.ts has the detached and unfollowed items).
import type { RunReport } from '../../../shared/run-report';
import type { Command } from '../command';
import { ExitCode, UsageError } from '../exit-codes';
import { guardItemLine, localTime, plural, runSummary } from '../../../shared/words';

/** A run report's exit code (cli.md): also a preview's, which exits as the sync it previews would. */
export const exitForReport = (report: RunReport): number => {
  if (!report.error) return ExitCode.ok;
  return { auth: ExitCode.credentials, network: ExitCode.unreachable, throttled: ExitCode.unreachable, guard: ExitCode.guard, internal: ExitCode.other }[report.error.kind];
};

export function describeReport(report: RunReport): string {
  const { counts } = report;
  const lines = [
    `${localTime(report.finishedAt)} — ${outcomeWord[report.outcome]}: ${runSummary(report)}`,
    `  to iCloud +${counts.icloud.created} ~${counts.icloud.updated} -${counts.icloud.deleted}, ` +
      `to the platform +${counts.platform.created} ~${counts.platform.updated} -${counts.platform.deleted}; ` +
      `${plural(counts.skipped, 'skipped event')}, ${plural(counts.conflicts, 'conflict')}, ${plural(counts.errors, 'error')} ` +
      `(${plural(report.requests.icloud, 'iCloud request')}, ${plural(report.requests.platform, 'platform request')})`,
    // Several locations: how each went (a failed one says why; the others synced).
    ...(report.locations ?? []).map((l) => `  location ${l.id}: ${l.outcome === 'ok' ? 'synced' : 'failed'}, ${plural(l.requests, 'request')}${l.error ? ` — ${l.error.message}` : ''}`),
    ...report.items.map((i) => `  ${i.op} ${i.side}: ${i.title}${i.reason ? ` — ${i.reason}` : ''}${i.error ? ` (error: ${i.error})` : ''}`),
  ];
  if (report.error) lines.push(`  ${report.error.message}`);
  if (report.guard) lines.push(...report.guard.items.map((item) => `    ${guardItemLine(item)}`));
  return lines.join('\n');
}

const outcomeWord: Record<RunReport['outcome'], string> = { ok: 'synced', partial: 'partly synced', failed: 'failed', guarded: 'stopped for safety' };

export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync [--dry-run] [--allow-deletions|--keep-deletions] [--allow-creations|--skip-creations]',
  summary:
    'run one cycle now and print its run report (--dry-run: what it would do, changing nothing); a safety guard is decided with ' +
    '--allow-deletions or --keep-deletions, the creation guard with --allow-creations or --skip-creations',
  options: {
    'dry-run': { type: 'boolean' }, 'allow-deletions': { type: 'boolean' }, 'keep-deletions': { type: 'boolean' },
    'allow-creations': { type: 'boolean' }, 'skip-creations': { type: 'boolean' },
  },
  async run({ services, values }) {
    const allow = Boolean(values['allow-deletions']);
    const keep = Boolean(values['keep-deletions']);
    const allowCreations = Boolean(values['allow-creations']);
    const skip = Boolean(values['skip-creations']);
    if (allow && keep) throw new UsageError('Choose one: --allow-deletions (do them) or --keep-deletions (keep both sides as they are).');
    if (allowCreations && skip) throw new UsageError('Choose one: --allow-creations (create them) or --skip-creations (create none and stop following those events).');
    if (values['dry-run']) {
      // --keep-deletions would change state (items no longer followed): a preview cannot do it.
      if (keep || skip) throw new UsageError('--dry-run changes nothing, so it cannot keep or skip items: preview with --dry-run [--allow-deletions] [--allow-creations], then decide.');
      const preview = await services.sync.run('cli', { allowDeletions: allow, allowCreations, dryRun: true }).report;
      const text = `Preview — nothing was changed, nothing recorded in the history:\n${describeReport(preview)}`;
      return { json: preview, text, exitCode: exitForReport(preview) };
    }
    const options = { allowDeletions: allow, allowCreations };
    let report = await services.sync.run('cli', options).report;
    const kept: RunReport[] = [];
    // Keep / skip: each guard of the chosen kind that stops the cycle has its items kept (no longer
    // followed), then the cycle runs again without them. Bounded: a guard that keeps firing after
    // that is reported as it is.
    const decided = (kind: string) => (kind === 'creations' ? skip : keep);
    while (report.guard && decided(report.guard.kind) && kept.length < 3) {
      kept.push(await services.sync.keepGuarded('cli'));
      report = await services.sync.run('cli', options).report;
    }
    const keptText = kept.map((k) => `Kept as they are, no longer followed: ${plural(k.items.length, 'event')} (\`icloud-sync attention\` lists them; \`icloud-sync follow ID\` follows one again).`);
    return { json: report, text: [...keptText, describeReport(report)].join('\n'), exitCode: exitForReport(report) };
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
      ? conflicts.map((c) => `${c.id}  "${c.title}" — changed: ${c.changed.join(', ')}\n  iCloud:   ${c.icloud.title}, ${localTime(c.icloud.start)} – ${localTime(c.icloud.end)}\n  platform: ${c.platform.title}, ${localTime(c.platform.start)} – ${localTime(c.platform.end)}`).join('\n')
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
