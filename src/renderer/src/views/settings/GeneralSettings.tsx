// General: launch at login and notifications.
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import { ToggleSetting } from './SettingControls';
import { SettingsGroup } from './SettingsGroup';
import { settingProps } from './settingProps';

export function GeneralSettings({ settings, save }: { settings: Settings; save: (change: SettingChange) => void }) {
  return (
    <SettingsGroup id="general-settings" title="General">
      <ToggleSetting label="Open at login" {...settingProps(settings, save, 'launchAtLogin')} />
      <ToggleSetting
        label="Show notifications"
        hint="Only when something needs you: a rejected password, repeated failures, new conflicts."
        {...settingProps(settings, save, 'notifications')}
      />
    </SettingsGroup>
  );
}
