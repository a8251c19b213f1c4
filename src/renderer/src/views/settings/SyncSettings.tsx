// Sync: the settings of cli.md about when and how pairs sync, with what each one does in words
// (copy titles and filters are under What crosses).
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import { ChoiceSetting, NumberSetting, ToggleSetting, type NumberKey } from './SettingControls';
import { SettingsGroup } from './SettingsGroup';

interface Props {
  settings: Settings;
  save: (change: SettingChange) => void;
  problemFor: (key: keyof Settings) => string | undefined;
}

export function SyncSettings({ settings, save, problemFor }: Props) {
  // The three number settings differ only in key and words.
  const numberSetting = (name: NumberKey, label: string, unit: string) => (
    <NumberSetting name={name} label={label} unit={unit} value={settings[name]} problem={problemFor(name)} onSave={(value) => save({ key: name, value } as SettingChange)} />
  );
  return (
    <SettingsGroup id="sync-settings" title="Sync">
      {numberSetting('interval', 'Sync every', 'minutes')}
      {numberSetting('pastDays', 'Days before today', 'days')}
      {numberSetting('futureDays', 'Days after today', 'days')}
      <ChoiceSetting
        label="When an event changed on both sides"
        value={settings.conflictPolicy}
        options={[
          { value: 'ask', label: 'Ask me' },
          { value: 'platform', label: 'Keep the platform version' },
          { value: 'icloud', label: 'Keep the iCloud version' },
          { value: 'newest', label: 'Keep the newest change' },
        ]}
        onSave={(value) => save({ key: 'conflictPolicy', value })}
      />
      <ChoiceSetting
        label="When you delete an iCloud event"
        value={settings.icloudDeletions}
        options={[
          { value: 'release', label: 'Free the blocked slot' },
          { value: 'keep', label: 'Keep the blocked slot' },
        ]}
        onSave={(value) => save({ key: 'icloudDeletions', value })}
      />
      <ChoiceSetting
        label="Invitations that block time"
        value={settings.invitationsBlock}
        options={[
          { value: 'unanswered', label: 'Accepted, maybe and not yet answered' },
          { value: 'tentative', label: 'Accepted and maybe' },
          { value: 'accepted', label: 'Only accepted' },
        ]}
        hint="An invitation you declined never blocks time. Your own events always do."
        onSave={(value) => save({ key: 'invitationsBlock', value })}
      />
      <ToggleSetting
        label="Free events block time too"
        checked={settings.freeEventsBlock}
        hint="iCloud events marked as free block time on the platform."
        onSave={(value) => save({ key: 'freeEventsBlock', value })}
      />
    </SettingsGroup>
  );
}
