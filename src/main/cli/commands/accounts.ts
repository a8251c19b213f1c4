// `connect icloud|platform`, `calendars`, `link`, `disconnect`.
import { own } from '../../../shared/own';
import type { CalendarEntry } from '../../../shared/calendars';
import type { Command, Values } from '../command';
import { ExitCode, UsageError } from '../exit-codes';
import { hasUrlUserinfo } from '../../redact-url';
import { readSecret } from '../read-secret';
import { confirmOrRefuse } from '../confirm';
import { plural } from '../../../shared/words';
import { describeReport, exitForReport } from './sync';
import { parsePlatformTokens } from '../../secrets/env-secret-store';
import { releasedSentence } from '../../../shared/location-removal';

export const connectCommand: Command = {
  name: 'connect',
  usage: 'connect icloud --apple-id EMAIL [--caldav-url URL] | connect platform --location-id ID [--user-id ID] [--api-url URL]',
  summary: 'verify an account and save it (the secret goes to the keychain)',
  options: {
    'apple-id': { type: 'string' },
    'caldav-url': { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'location-id': { type: 'string' },
    'user-id': { type: 'string' },
    'api-url': { type: 'string' },
    'token-stdin': { type: 'boolean' },
  },
  async run({ services, positionals, values, stdin, note }) {
    const [side] = positionals;
    if (side === 'icloud') {
      const appleId = values['apple-id'] as string | undefined;
      if (!appleId) throw new UsageError('connect icloud needs --apple-id EMAIL.');
      const caldavUrl = serverUrl(values, 'caldav-url');
      const password = await readSecret({
        envValue: services.config.env?.ICLOUD_SYNC_APP_PASSWORD, fromStdin: Boolean(values['password-stdin']), stdin, note,
        prompt: 'App-specific password for ' + appleId,
      });
      const calendars = await services.accounts.connectIcloud({ appleId, password, caldavUrl });
      return { json: { connected: 'icloud', appleId, calendars }, text: `Connected iCloud as ${appleId}.\n${describeCalendars(calendars)}` };
    }
    if (side === 'platform') {
      const locationId = values['location-id'] as string | undefined;
      if (!locationId) throw new UsageError('connect platform needs --location-id ID.');
      const apiUrl = serverUrl(values, 'api-url');
      const env = services.config.env ?? {};
      const token = await readSecret({
        envValue: ownToken(env, locationId) ?? env.ICLOUD_SYNC_PLATFORM_TOKEN, fromStdin: Boolean(values['token-stdin']), stdin, note,
        prompt: 'Private Integration Token for location ' + locationId,
      });
      const result = await services.accounts.connectPlatform({
        locationId, token, apiUrl, userId: values['user-id'] as string | undefined,
      });
      if (result.status === 'choose-user') {
        const list = result.users.map((u) => `  ${u.id}  ${u.name} <${u.email}>`).join('\n');
        return {
          json: { connected: false, reason: 'choose-user', users: result.users },
          text: `The token works${result.locationName ? ` for ${result.locationName}` : ''}. Which user are you? Run again with --user-id ID:\n${list}`,
          exitCode: ExitCode.usage,
        };
      }
      const where = result.locationName ? `${result.locationName}, location ${locationId}` : `location ${locationId}`;
      return {
        json: { connected: 'platform', locationId, locationName: result.locationName, userName: result.userName, ...(result.locationNotice ? { notice: result.locationNotice } : {}) },
        text: `Connected the platform (${where}) as ${result.userName}.${result.locationNotice ? `\n${result.locationNotice}` : ''}`,
      };
    }
    throw new UsageError('Usage: icloud-sync connect icloud --apple-id EMAIL | connect platform --location-id ID [--user-id ID]');
  },
};

/**
 * A server URL option. One with user info (`user:password@`) is refused before anything is sent,
 * and without repeating it: the part before the @ may be a password.
 */
function serverUrl(values: Values, name: 'caldav-url' | 'api-url'): string | undefined {
  const text = values[name] as string | undefined;
  if (text !== undefined && hasUrlUserinfo(text)) {
    throw new UsageError(`--${name} must not contain a user name or password (user:password@ before the host); the secret is read from the prompt, stdin or the environment.`);
  }
  return text;
}

export const calendarsCommand: Command = {
  name: 'calendars',
  usage: 'calendars [--location-id ID]',
  summary: 'both sides\' calendars, with which can be synced and why not',
  options: { 'location-id': { type: 'string' } },
  async run({ services, values }) {
    const calendars = await services.accounts.calendars(values['location-id'] as string | undefined);
    return { json: calendars, text: describeCalendars(calendars) };
  },
};

export const linkCommand: Command = {
  name: 'link',
  usage: 'link --icloud ID [--busy ID]… [--platform-calendar ID]… [--dry-run] | link --location-id ID [--icloud ID|default] [--platform-calendar ID]… [--dry-run]',
  summary: 'choose the linked iCloud calendar, busy sources and platform calendars; with --location-id, that location\'s iCloud calendar and platform calendars (--dry-run: what the next sync would do with them, saving nothing)',
  options: {
    icloud: { type: 'string' },
    busy: { type: 'string', multiple: true },
    'platform-calendar': { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    'location-id': { type: 'string' },
  },
  async run({ services, values }) {
    const icloud = values.icloud as string | undefined;
    const locationId = values['location-id'] as string | undefined;
    const platformCalendars = values['platform-calendar'] as string[] | undefined;
    // With --location-id, --icloud is where that location's appointments go (`default`: the main calendar);
    // the main calendar and the busy sources, shared by every location, stay as they are.
    if (locationId !== undefined && values.busy !== undefined) throw new UsageError('--busy sets the busy sources of every location: give it without --location-id.');
    if (locationId !== undefined && icloud === undefined && platformCalendars === undefined) throw new UsageError('link --location-id ID needs --icloud URL|default or --platform-calendar ID.');
    if (locationId === undefined && !icloud) throw new UsageError('link needs --icloud ID (the calendar URL from `icloud-sync calendars`).');
    const input = locationId === undefined
      ? { icloud, busy: (values.busy as string[] | undefined) ?? [], platformCalendars }
      : { platformCalendars, locationId, ...(icloud !== undefined ? { locationCalendars: { [locationId]: icloud } } : {}) };
    if (values['dry-run']) {
      // Checked as link checks them, then previewed as if linked (dry-run.ts); nothing is saved. Only the
      // locations linked here change: the others keep their calendars in the preview too.
      const { icloud: linked, busy, platformCalendars: all, perLocation, locationCalendars } = await services.accounts.checkLinks(input);
      const proposed = { icloud: linked, busy, platformCalendars: all, perLocation, locationCalendars };
      const preview = await services.sync.run('cli', { dryRun: true, proposed: { links: proposed } }).report;
      const heading = 'Preview of these calendars — nothing was changed or saved, nothing recorded in the history:';
      return { json: preview, text: `${heading}\n${describeReport(preview)}`, exitCode: exitForReport(preview) };
    }
    const links = await services.accounts.link(input);
    const name = (id: string) => own(links.names, id) ?? id;
    const several = links.locations.length > 1 || links.locations.some((location) => !location.main);
    return {
      json: { icloud: links.icloudCalendar, busy: links.busySources, platformCalendars: links.platformCalendars, locations: links.locations },
      text: [
        `Linked iCloud calendar: ${name(links.icloudCalendar!)}`,
        `Busy sources: ${links.busySources.map(name).join(', ') || 'none'}`,
        `Platform calendars: ${links.platformCalendars.map(name).join(', ') || 'none'}`,
        ...(several ? links.locations.map((location) => `Appointments of location ${location.locationId} go to: ${name(location.icloudCalendar)}${location.main ? ' (the main calendar)' : ''}`) : []),
      ].join('\n'),
    };
  },
};

export const disconnectCommand: Command = {
  name: 'disconnect',
  usage: 'disconnect icloud|platform [--location-id ID] [--remove-copies [--yes]]',
  summary: 'remove the secret from the keychain and the account from the state; --remove-copies first deletes every copy the app made (asks)',
  options: { 'remove-copies': { type: 'boolean' }, yes: { type: 'boolean' }, 'location-id': { type: 'string' } },
  async run({ services, positionals, values, stdin, note }) {
    const [side] = positionals;
    if (side !== 'icloud' && side !== 'platform') throw new UsageError('Usage: icloud-sync disconnect icloud|platform [--location-id ID] [--remove-copies [--yes]]');
    const locationId = values['location-id'] as string | undefined;
    if (locationId !== undefined && side !== 'platform') throw new UsageError('--location-id goes with disconnect platform.');
    // With several locations connected the command must say which (exit 2, naming them), before anything changes.
    const removed = side === 'platform' ? await services.accounts.locationToDisconnect(locationId) : undefined;
    // The slots its appointments made in the other locations go on the next sync (location-removal.ts): said now.
    const released = removed ? releasedSentence((await services.accounts.removalFacts(removed)).releasedElsewhere) : '';
    const name = side === 'icloud' ? 'iCloud' : locationId ? `location ${locationId}` : 'the platform';
    if (!values['remove-copies']) {
      await services.accounts.disconnect(side, locationId);
      return {
        json: { disconnected: side, copiesRemoved: false },
        text: `Disconnected ${name}. The copies the app made (iCloud mirrors, blocked slots) stay in place; \`icloud-sync disconnect ${side} --remove-copies\` removes them.${released ? `\n${released}` : ''}`,
      };
    }
    // Shown first, like a dry run: what would go, nothing changed yet.
    const preview = await services.sync.removeCopies('cli', true, locationId);
    const { icloud, platform } = preview.counts;
    note(`Preview — nothing changed yet:\n${describeReport(preview)}`);
    const question = `Delete ${plural(icloud.deleted, 'iCloud copy', 'iCloud copies')} of appointments and ${plural(platform.deleted, 'blocked slot')} this app made, then disconnect ${name}? Your own events and the appointments stay.`;
    await confirmOrRefuse({ yes: Boolean(values.yes), stdin, question, command: `icloud-sync disconnect ${side}${locationId ? ` --location-id ${locationId}` : ''} --remove-copies`, note });
    // A copy that cannot be removed (changed since) fails the command before the disconnect: the
    // account stays, so running it again can finish (the run is in the history).
    const report = await services.sync.removeCopies('cli', false, locationId);
    await services.accounts.disconnect(side, locationId);
    return { json: { disconnected: side, copiesRemoved: true, report }, text: `${describeReport(report)}\nDisconnected ${name}.${released ? `\n${released}` : ''}` };
  },
};

function describeCalendars(calendars: CalendarEntry[]): string {
  return calendars
    .map((c) => `${c.side.padEnd(8)} ${c.eligible ? 'ok ' : 'no '} ${c.name} [${c.type}] ${c.id}${c.reason ? ` — ${c.reason}` : ''}${c.appointmentsFrom ? ` — appointments of ${c.appointmentsFrom.join(', ')}` : ''}`)
    .join('\n');
}

/** ICLOUD_SYNC_PLATFORM_TOKENS' own entry for the location (never `constructor`'s function). */
function ownToken(env: NodeJS.ProcessEnv, locationId: string): string | undefined {
  const tokens = parsePlatformTokens(env);
  return tokens ? own(tokens, locationId) : undefined;
}
