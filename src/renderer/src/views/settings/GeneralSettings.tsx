// General: launch at login and notifications.
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import { ToggleSetting } from './SettingControls';
import { SettingsGroup } from './SettingsGroup';

export function GeneralSettings({ settings, save }: { settings: Settings; save: (change: SettingChange) => void }) {
  return (
    <SettingsGroup id="general-settings" title="General">
      <ToggleSetting label="Open at login" checked={settings.launchAtLogin} onSave={(value) => save({ key: 'launchAtLogin', value })} />
      <ToggleSetting
        label="Show notifications"
        checked={settings.notifications}
        hint="Only when something needs you: a rejected password, repeated failures, new conflicts."
        onSave={(value) => save({ key: 'notifications', value })}
      />
    </SettingsGroup>
  );
}
