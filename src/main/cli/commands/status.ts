// `status`: connections, last run, next run, pair/conflict/attention counts.
import type { StatusView } from '../../../shared/status';
import type { Command } from '../command';

export const statusCommand: Command = {
  name: 'status',
  usage: 'status',
  summary: 'connections, last run, next run, pair/conflict/attention counts',
  options: {},
  async run({ services }) {
    const status = await services.status();
    return { json: status, text: describeStatus(status) };
  },
};

export function describeStatus(status: StatusView): string {
  const { icloud, platform } = status;
  const lines = [
    icloud.connected
      ? `iCloud: ${icloud.appleId} (${icloud.health})${icloud.message ? ` — ${icloud.message}` : ''}`
      : 'iCloud: not connected (run `icloud-sync connect icloud --apple-id EMAIL`)',
    icloud.linkedCalendar ? `  linked calendar: ${icloud.linkedCalendar.name}` : undefined,
    icloud.busySources.length ? `  busy sources: ${icloud.busySources.map((c) => c.name).join(', ')}` : undefined,
    platform.connected
      ? `Platform: location ${platform.locationId}, user ${platform.userName ?? platform.userId} (${platform.health})${platform.message ? ` — ${platform.message}` : ''}`
      : 'Platform: not connected (run `icloud-sync connect platform --location-id ID`)',
    status.paused ? 'Syncing is paused.' : undefined,
    status.lastRun
      ? `Last run: ${status.lastRun.finishedAt} — ${status.lastRun.outcome}`
      : 'Last run: never',
    status.nextRunAt ? `Next run: ${status.nextRunAt}` : undefined,
    `Pairs: ${status.counts.pairs}, conflicts: ${status.counts.conflicts}, needs attention: ${status.counts.attention}`,
    status.notice ? `Notice: ${status.notice}` : undefined,
    ...(status.runNotices ?? []).map((notice) => `Note: ${notice.title} — ${notice.reason}`),
  ];
  return lines.filter((line) => line !== undefined).join('\n');
}
