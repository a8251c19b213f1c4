// `undo RUN_ID [--yes] [--allow-deletions] [--allow-creations]` (cli.md): reverse what a run did, item
// by item; asks first (on a terminal, naming how many items on each side), needs --yes otherwise. Past a
// safety guard (undo-guards.ts) it stops with exit 5 before asking, unless that guard is allowed. The
// undo is itself a run in the history.
import { plural } from '../../../shared/words';
import type { Command } from '../command';
import { confirmOrRefuse } from '../confirm';
import { UsageError } from '../exit-codes';
import { SyncError } from '../../errors';
import { describeReport } from './sync';

export const undoCommand: Command = {
  name: 'undo',
  usage: 'undo RUN_ID [--yes] [--allow-deletions] [--allow-creations]',
  summary: 'reverse what that run did, item by item, refusing (with the reason) items changed since; asks first',
  options: { yes: { type: 'boolean' }, 'allow-deletions': { type: 'boolean' }, 'allow-creations': { type: 'boolean' } },
  async run({ services, positionals, values, stdin, note }) {
    const [runId] = positionals;
    if (!runId) throw new UsageError('Usage: icloud-sync undo RUN_ID [--yes] [--allow-deletions] [--allow-creations] (the run ids are in `icloud-sync history --json`).');
    const plan = await services.sync.undoPreview(runId);
    const allowed = { deletions: Boolean(values['allow-deletions']), creations: Boolean(values['allow-creations']) };
    if (plan.guard && !(plan.guard.kind === 'creations' ? allowed.creations : allowed.deletions)) {
      const flag = plan.guard.kind === 'creations' ? '--allow-creations' : '--allow-deletions';
      throw new SyncError('guard', `${plan.guard.message} On the command line: icloud-sync undo ${runId} ${flag}.`);
    }
    const refused = plan.refused ? ` ${plural(plan.refused, 'item')} changed since and will be left as they are.` : '';
    const question = `Undo that run? It puts back ${plural(plan.icloud, 'iCloud event')} and ${plural(plan.platform, 'platform item')}; ` +
      `they are no longer followed afterwards (\`icloud-sync follow ID\` follows one again).${refused}`;
    await confirmOrRefuse({ yes: Boolean(values.yes), stdin, question, command: `icloud-sync undo ${runId}`, note });
    const report = await services.sync.undo(runId, allowed);
    // An item that failed (not a refusal) fails the command after the run is recorded (sync-service decide).
    return { json: report, text: `Undone:\n${describeReport(report)}` };
  },
};
