// Sync: the settings of cli.md about when and how pairs sync, with what each one does in words
// (copy titles and filters are under What crosses).
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import { ChoiceSetting, NumberSetting, ToggleSetting, type NumberKey } from './SettingControls';
import { SettingsGroup } from './SettingsGroup';
import { settingProps } from './settingProps';

interface Props {
  settings: Settings;
  save: (change: SettingChange) => void;
  problemFor: (key: keyof Settings) => string | undefined;
}

export function SyncSettings({ settings, save, problemFor }: Props) {
  // The three number settings differ only in key and words.
  const numberSetting = (name: NumberKey, label: string, unit: string) => (
    <NumberSetting name={name} label={label} unit={unit} problem={problemFor(name)} {...settingProps(settings, save, name)} />
  );
  return (
    <SettingsGroup id="sync-settings" title="Sync">
      {numberSetting('interval', 'Sync every', 'minutes')}
      {numberSetting('pastDays', 'Days before today', 'days')}
      {numberSetting('futureDays', 'Days after today', 'days')}
      <ChoiceSetting
        label="When an event changed on both sides"
        options={[
          { value: 'ask', label: 'Ask me' },
          { value: 'platform', label: 'Keep the platform version' },
          { value: 'icloud', label: 'Keep the iCloud version' },
          { value: 'newest', label: 'Keep the newest change' },
        ]}
        {...settingProps(settings, save, 'conflictPolicy')}
      />
      <ChoiceSetting
        label="When you delete an iCloud event"
        options={[
          { value: 'release', label: 'Free the blocked slot' },
          { value: 'keep', label: 'Keep the blocked slot' },
        ]}
        {...settingProps(settings, save, 'icloudDeletions')}
      />
      <ChoiceSetting
        label="Invitations that block time"
        options={[
          { value: 'unanswered', label: 'Accepted, maybe and not yet answered' },
          { value: 'tentative', label: 'Accepted and maybe' },
          { value: 'accepted', label: 'Only accepted' },
        ]}
        hint="An invitation you declined never blocks time. Your own events always do."
        {...settingProps(settings, save, 'invitationsBlock')}
      />
      <ToggleSetting
        label="Free events block time too"
        hint="iCloud events marked as free block time on the platform."
        {...settingProps(settings, save, 'freeEventsBlock')}
      />
    </SettingsGroup>
  );
}
