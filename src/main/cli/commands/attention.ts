// `attention`, `restore`, `cancel`, `follow`: detached pairs (S6, S12) with their two actions, and
// the events kept at a safety guard (no longer followed) with the way to follow one again.
import { SyncError } from '../../errors';
import { cancelQuestion } from '../../../shared/cancel-words';
import { localTime } from '../../../shared/words';
import type { Command } from '../command';
import { confirmOrRefuse } from '../confirm';
import { UsageError } from '../exit-codes';
import { describeReport } from './sync';

export const attentionCommand: Command = {
  name: 'attention',
  usage: 'attention',
  summary: 'detached pairs (a mirror was deleted) and their two actions; events no longer followed',
  options: {},
  async run({ services }) {
    const items = await services.attention();
    const unfollowed = await services.unfollowed();
    const lines = [
      ...items.map((i) => `${i.id}  ${i.message}\n  → icloud-sync restore ${i.id}  |  icloud-sync cancel ${i.id}`),
      ...unfollowed.map((u) => `${u.key}  "${u.title}" (${localTime(u.start)}) is no longer followed: ${u.guard === 'undo' ? 'you undid the run that changed it' : 'you kept it as it is at a safety check'}.\n  → icloud-sync follow ${u.key}`),
    ];
    // --json: the attention items as before, then the unfollowed ones in the same shape (kind "not-followed").
    const json = [
      ...items,
      ...unfollowed.map((u) => ({ id: u.key, pair: u.key, title: u.title, start: u.start, kind: 'not-followed', detectedAt: u.since, message: `"${u.title}" is no longer followed (kept at a safety check).` })),
    ];
    return { json, text: lines.length ? lines.join('\n') : 'Nothing needs your attention.' };
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore ID',
  summary: 'recreate the deleted mirror of a detached pair',
  options: {},
  async run({ services, positionals }) {
    const [id] = positionals;
    if (!id) throw new UsageError('Usage: icloud-sync restore ID (see `icloud-sync attention`).');
    const report = await services.sync.restore(id, 'cli');
    if (report.error) throw new SyncError('internal', report.error.message);
    return { json: report, text: describeReport(report) };
  },
};

export const cancelCommand: Command = {
  name: 'cancel',
  usage: 'cancel ID [--yes]',
  summary: 'cancel the appointment (iCloud copy deleted) or stop syncing the event (blocked slot deleted); asks first',
  options: { yes: { type: 'boolean' } },
  async run({ services, positionals, values, stdin, note }) {
    const [id] = positionals;
    if (!id) throw new UsageError('Usage: icloud-sync cancel ID [--yes] (see `icloud-sync attention`).');
    const item = (await services.attention()).find((i) => i.id === id);
    if (!item) throw new SyncError('item', `There is no item "${id}" needing attention. Run \`icloud-sync attention\` to list them.`);
    // The appointment's customer and time as the platform has them now (describe-appointment.ts);
    // the question never fails for want of the name: it says "the customer" and why.
    const question = item.kind === 'icloud-mirror-deleted'
      ? cancelQuestion(await services.describeAppointment(id).catch(() => ({ id, title: item.title, start: item.start, end: item.start, customerMissing: 'unavailable' as const })))
      : `Stop syncing "${item.title}" on ${localTime(item.start)}? Your iCloud event stays; no blocked slot is made for it again.`;
    await confirmOrRefuse({ yes: Boolean(values.yes), stdin, question, command: `icloud-sync cancel ${id}`, note });
    const report = await services.sync.cancel(id, 'cli');
    if (report.error) throw new SyncError('internal', report.error.message);
    return { json: report, text: describeReport(report) };
  },
};

export const followCommand: Command = {
  name: 'follow',
  usage: 'follow ID',
  summary: 'follow again an event kept at a safety check (see `attention`)',
  options: {},
  async run({ services, positionals }) {
    const [id] = positionals;
    if (!id) throw new UsageError('Usage: icloud-sync follow ID (see `icloud-sync attention`).');
    const report = await services.sync.follow(id, 'cli');
    return { json: report, text: `Following "${report.items[0]?.title ?? id}" again: the next sync brings it up to date.` };
  },
};
