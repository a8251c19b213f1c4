// `status`: connections, last run, next run, pair/conflict/attention counts.
import type { LocationStatus, StatusView } from '../../../shared/status';
import { UsageError } from '../exit-codes';
import { localTime, runSummary } from '../../../shared/words';
import type { Command } from '../command';

export const statusCommand: Command = {
  name: 'status',
  usage: 'status [--location-id ID]',
  summary: 'connections (every location), last run, next run, pair/conflict/attention counts',
  options: { 'location-id': { type: 'string' } },
  async run({ services, values }) {
    const status = narrowed(await services.status(), values['location-id'] as string | undefined);
    return { json: status, text: describeStatus(status) };
  },
};

/** `--location-id`: that location only (as `platform`, and alone in `locations`). */
function narrowed(status: StatusView, locationId: string | undefined): StatusView {
  if (locationId === undefined) return status;
  const all = status.locations ?? (status.platform.connected ? [status.platform] : []);
  const one = all.find((location) => location.locationId === locationId);
  if (!one) throw new UsageError(`Location ${locationId} is not connected.${all.length ? ` Connected: ${all.map((l) => l.locationId).join(', ')}.` : ''}`);
  return { ...status, platform: one, ...(status.locations ? { locations: [one] } : {}) };
}

export function describeStatus(status: StatusView): string {
  const { icloud, platform } = status;
  const lines = [
    icloud.connected
      ? `iCloud: ${icloud.appleId} (${icloud.health})${icloud.message ? ` — ${icloud.message}` : ''}`
      : 'iCloud: not connected (run `icloud-sync connect icloud --apple-id EMAIL`)',
    icloud.linkedCalendar ? `  linked calendar: ${icloud.linkedCalendar.name}` : undefined,
    icloud.busySources.length ? `  busy sources: ${icloud.busySources.map((c) => c.name).join(', ')}` : undefined,
    ...(platform.connected ? (status.locations ?? [platform]).flatMap(describeLocation) : ['Platform: not connected (run `icloud-sync connect platform --location-id ID`)']),
    status.paused ? 'Syncing is paused.' : undefined,
    status.lastRun
      ? `Last run: ${localTime(status.lastRun.finishedAt)} — ${runSummary(status.lastRun)}`
      : 'Last run: never',
    status.nextRunAt ? `Next run: ${localTime(status.nextRunAt)}` : undefined,
    status.guard ? `Waiting for you: syncing stopped for safety (${status.guard.items.length} events). Run \`icloud-sync sync\` to see them, then --allow-deletions or --keep-deletions.` : undefined,
    `Pairs: ${status.counts.pairs}, conflicts: ${status.counts.conflicts}, needs attention: ${status.counts.attention}${status.unfollowed ? `, no longer followed: ${status.unfollowed}` : ''}`,
    status.notice ? `Notice: ${status.notice}` : undefined,
    ...(status.runNotices ?? []).map((notice) => `Note: ${notice.title} — ${notice.reason}`),
  ];
  return lines.filter((line) => line !== undefined).join('\n');
}

function describeLocation(platform: LocationStatus): (string | undefined)[] {
  return [
    `Platform: location ${locationWords(platform)}, user ${platform.userName ?? platform.userId} (${platform.health})${platform.message ? ` — ${platform.message}` : ''}`,
    platform.timezone ? `  all-day events block whole days in ${platform.timezone}` : undefined,
    platform.locationNotice ? `  ${platform.locationNotice}` : undefined,
    platform.icloudCalendar ? `  appointments go to the iCloud calendar ${platform.icloudCalendar.name} (not the linked one)` : undefined,
  ];
}

/** The location by its name, with its id for scripts and support ("Lovelace Studio (loc-1)"). */
function locationWords(platform: LocationStatus): string {
  return platform.locationName ? `${platform.locationName} (${platform.locationId})` : `${platform.locationId}`;
}
