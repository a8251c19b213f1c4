// A setting's saved value and its save, as every settings control takes them:
// `<ToggleSetting label="…" {...settingProps(settings, save, 'notifications')} />` instead of the
// `value={settings.x} onSave={(value) => save({ key: 'x', value })}` pair each control spelled out.
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { SettingKey, Settings } from '../../../../shared/settings';

export function settingProps<K extends SettingKey>(settings: Settings, save: (change: SettingChange) => void, key: K) {
  return { value: settings[key], onSave: (value: Settings[K]) => save({ key, value } as SettingChange) };
}
