// The support file (cli.md `diagnostics`): one JSON document with versions, settings, counts, the
// doctor's result and the last run reports, redacted by Redactor. Why JSON and not a zip: the app
// keeps no log files to bundle, everything fits in one document, and a user can open a JSON file
// and read for themselves that nothing private is in it before sending it — a zip hides that.
import { own } from '../../shared/own';
import type { DoctorReport } from '../../shared/doctor';
import type { RunReport } from '../../shared/run-report';
import type { State } from '../store/state-schema';
import type { UndoRun } from '../store/undo-entry';
import { Redactor } from './redactor';
import { collectVersions, type Versions } from './versions';
import { firstPlatform, platformAccounts } from '../store/locations';

export const DIAGNOSTICS_FORMAT = 'icloud-sync-diagnostics';
/** Enough runs to see a pattern (a day at the default 5-minute interval is 288), small enough to mail. */
export const DEFAULT_RUNS = 50;

export interface DiagnosticsInput {
  state: State;
  runs: RunReport[];
  /** The undo records kept (undo.json), redacted like the runs: titles, notes, addresses, whole iCloud files. */
  undo?: UndoRun[];
  doctor: DoctorReport;
  includeTitles: boolean;
  /** Secret values this process knows (the env overrides): scrubbed if they ever appear. */
  knownSecrets: string[];
  now: Date;
  versions?: Versions;
  homeDir?: string;
}

export function buildDiagnostics(input: DiagnosticsInput) {
  const { state } = input;
  const redactor = new Redactor({ includeTitles: input.includeTitles, secrets: input.knownSecrets, homeDir: input.homeDir });
  const calendar = (id: string) => ({ id, name: redactor.placeholder('calendar', own(state.links.names, id) ?? id) });
  const pairs = Object.values(state.pairs);
  const byStatus = { synced: 0, conflict: 0, detached: 0, pending: 0 };
  for (const pair of pairs) byStatus[pair.status] += 1;
  const { icloud } = state.accounts;
  // The location connected first (cli.md's shape); every location's ids are listed in `locations`.
  const platform = firstPlatform(state);

  const document = {
    format: DIAGNOSTICS_FORMAT,
    formatVersion: 1,
    createdAt: input.now.toISOString(),
    redaction: {
      titles: input.includeTitles ? 'included (--include-titles)' : 'placeholders',
      emails: 'placeholders',
      secrets: 'never included',
    },
    versions: input.versions ?? collectVersions(),
    settings: state.settings,
    accounts: {
      icloud: icloud
        ? { appleId: icloud.appleId, caldavUrl: icloud.caldavUrl, homeHost: icloud.homeUrl ? new URL(icloud.homeUrl).host : undefined, connectedAt: icloud.connectedAt }
        : null,
      platform: platform
        ? { locationId: platform.locationId, userId: platform.userId, apiUrl: platform.apiUrl, timezone: platform.timezone, connectedAt: platform.connectedAt }
        : null,
      locations: platformAccounts(state).map((account) => account.locationId),
    },
    links: {
      icloudCalendar: state.links.icloudCalendar ? calendar(state.links.icloudCalendar) : null,
      busySources: state.links.busySources.map(calendar),
      // Where each location's appointments go when it is not the linked calendar (issue 15).
      locationCalendars: Object.fromEntries(platformAccounts(state).flatMap((account) => (account.icloudCalendar ? [[account.locationId, calendar(account.icloudCalendar)]] : []))),
      platformCalendars: !platform?.calendars ? 'every supported calendar' : platform.calendars.map(calendar),
    },
    counts: {
      pairs: { total: pairs.length, ...byStatus },
      objects: Object.keys(state.objects).length,
      conflicts: byStatus.conflict,
      attention: byStatus.detached,
      pendingCreations: Object.keys(state.intents).length,
    },
    scheduler: state.scheduler,
    doctor: input.doctor,
    runs: redactor.fields(input.runs),
    undo: redactor.fields(input.undo ?? []),
  };
  return redactor.scrub(document);
}

export type DiagnosticsDocument = ReturnType<typeof buildDiagnostics>;
