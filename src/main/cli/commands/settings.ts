// `get [KEY]` and `set KEY VALUE [--dry-run]`.
import { isSettingKey, noFilter, parseFilterKey, settingDescriptions, settingKeys, type Settings } from '../../../shared/settings';
import { own } from '../../../shared/own';
import { SyncError } from '../../errors';
import type { Command, CommandContext, CommandResult } from '../command';
import { UsageError } from '../exit-codes';
import { describeReport, exitForReport } from './sync';

export const getCommand: Command = {
  name: 'get',
  usage: 'get [KEY]',
  summary: 'show one setting or all of them',
  options: {},
  async run({ services, positionals }) {
    const settings = await services.settings.get();
    const [key] = positionals;
    if (key === undefined) {
      const text = settingKeys.map((k) => `${k} = ${shown(settings[k])}    (${settingDescriptions[k]})`).join('\n');
      return { json: settings, text };
    }
    if (key.startsWith('filters.')) {
      const named = parseFilterKey(key);
      if (!named.ok) throw new SyncError('item', named.message);
      const value = (own(settings.filters, named.value.source) ?? noFilter)[named.value.field];
      return { json: { [key]: value }, text: shown(value) };
    }
    if (!isSettingKey(key)) throw new SyncError('item', `Unknown setting "${key}". Settings are: ${settingKeys.join(', ')}.`);
    return { json: { [key]: settings[key] }, text: shown(settings[key]) };
  },
};

export const setCommand: Command = {
  name: 'set',
  usage: 'set KEY VALUE [--dry-run]',
  summary: 'change a setting (see `get` for the keys and what each accepts); --dry-run: what the next sync would do with it, saving nothing',
  options: { 'dry-run': { type: 'boolean' } },
  async run({ services, positionals, values }) {
    const [key, value, ...extra] = positionals;
    if (key === undefined || value === undefined || extra.length) {
      throw new UsageError(`Usage: icloud-sync set KEY VALUE [--dry-run] (keys: ${settingKeys.join(', ')}).`);
    }
    if (values['dry-run']) return previewSetting(services, key, value);
    const settings = await services.settings.setFromText(key, value);
    const saved = savedValue(settings, key);
    return { json: { [key]: saved }, text: `${key} = ${shown(saved)}` };
  },
};

/**
 * `set KEY VALUE --dry-run`: the sync preview (`sync --dry-run`) planned as if the value were saved
 * (the window, free events and invitations change which events block). Nothing is saved.
 */
async function previewSetting(services: CommandContext['services'], key: string, text: string): Promise<CommandResult> {
  const settings = await services.settings.proposeFromText(key, text);
  const preview = await services.sync.run('cli', { dryRun: true, proposed: { settings } }).report;
  const heading = `Preview of ${key} = ${text} — nothing was changed or saved, nothing recorded in the history:`;
  return { json: preview, text: `${heading}\n${describeReport(preview)}`, exitCode: exitForReport(preview) };
}

/** The value a key names after a set, a filter field included. */
function savedValue(settings: Settings, key: string): unknown {
  if (!key.startsWith('filters.')) return settings[key as keyof Settings];
  const named = parseFilterKey(key);
  return named.ok ? (own(settings.filters, named.value.source) ?? noFilter)[named.value.field] : undefined;
}

/** Text for one value: lists and objects as JSON (a filter list reads as it is typed). */
function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
