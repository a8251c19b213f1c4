// Sync: the settings of cli.md about when and how pairs sync, with what each one does in words
// (copy titles and filters are under What crosses).
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import { ChoiceSetting, NumberSetting, ToggleSetting } from './SettingControls';
import { SettingsGroup } from './SettingsGroup';

interface Props {
  settings: Settings;
  save: (change: SettingChange) => void;
  problemFor: (key: keyof Settings) => string | undefined;
}

export function SyncSettings({ settings, save, problemFor }: Props) {
  return (
    <SettingsGroup id="sync-settings" title="Sync">
      <NumberSetting name="interval" label="Sync every" unit="minutes" value={settings.interval} problem={problemFor('interval')} onSave={(value) => save({ key: 'interval', value })} />
      <NumberSetting name="pastDays" label="Days before today" unit="days" value={settings.pastDays} problem={problemFor('pastDays')} onSave={(value) => save({ key: 'pastDays', value })} />
      <NumberSetting name="futureDays" label="Days after today" unit="days" value={settings.futureDays} problem={problemFor('futureDays')} onSave={(value) => save({ key: 'futureDays', value })} />
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
