// `diagnostics --out FILE [--include-titles] [--runs N]`: write the redacted support file.
import { SyncError } from '../../errors';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  usage: 'diagnostics --out FILE [--include-titles] [--runs N]',
  summary: 'write a support file (JSON): versions, settings, counts, doctor, recent runs; never a secret',
  options: { out: { type: 'string' }, 'include-titles': { type: 'boolean' }, runs: { type: 'string' } },
  async run({ services, values }) {
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('diagnostics needs --out FILE.');
    const runs = values.runs === undefined ? undefined : Number(values.runs);
    if (runs !== undefined && (!Number.isInteger(runs) || runs < 0 || runs > 10_000)) {
      throw new SyncError('item', '--runs must be a whole number from 0 to 10000.');
    }
    const includeTitles = values['include-titles'] === true;
    const saved = await services.diagnostics({ out, includeTitles, runs });
    const failed = saved.doctor.checks.filter((c) => c.status === 'fail').length;
    const text = [
      `Wrote ${saved.path} (${saved.runs} run report${saved.runs === 1 ? '' : 's'}, doctor: ${failed ? `${failed} failed` : 'no failures'}).`,
      includeTitles
        ? 'Titles, notes, addresses and calendar names are included as you asked; emails are placeholders; no secret is in it.'
        : 'Titles, notes, addresses, calendar names and emails are placeholders (title-1, …); no secret is in it. Open it to check before sending.',
    ].join('\n');
    return { json: { path: saved.path, runs: saved.runs, includeTitles }, text };
  },
};
