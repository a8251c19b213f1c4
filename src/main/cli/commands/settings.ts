// `get [KEY]` and `set KEY VALUE`.
import { isSettingKey, settingDescriptions, settingKeys } from '../../../shared/settings';
import { SyncError } from '../../errors';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';

export const getCommand: Command = {
  name: 'get',
  usage: 'get [KEY]',
  summary: 'show one setting or all of them',
  options: {},
  async run({ services, positionals }) {
    const settings = await services.settings.get();
    const [key] = positionals;
    if (key === undefined) {
      const text = settingKeys.map((k) => `${k} = ${String(settings[k])}    (${settingDescriptions[k]})`).join('\n');
      return { json: settings, text };
    }
    if (!isSettingKey(key)) throw new SyncError('item', `Unknown setting "${key}". Settings are: ${settingKeys.join(', ')}.`);
    return { json: { [key]: settings[key] }, text: String(settings[key]) };
  },
};

export const setCommand: Command = {
  name: 'set',
  usage: 'set KEY VALUE',
  summary: 'change a setting (see `get` for the keys and what each accepts)',
  options: {},
  async run({ services, positionals }) {
    const [key, value, ...extra] = positionals;
    if (key === undefined || value === undefined || extra.length) {
      throw new UsageError(`Usage: icloud-sync set KEY VALUE (keys: ${settingKeys.join(', ')}).`);
    }
    const settings = await services.settings.setFromText(key, value);
    const typedKey = key as keyof typeof settings;
    return { json: { [key]: settings[typedKey] }, text: `${key} = ${String(settings[typedKey])}` };
  },
};
