// Settings: Accounts, Calendars, Sync, What crosses, General (UI.md), then Check setup (the doctor, diagnostics).
import type { StatusView } from '../../../../shared/status';
import { ErrorNote, Loading } from '../../components/Notice';
import { AccountSettings } from './AccountSettings';
import { CalendarSettings } from './CalendarSettings';
import { CheckSetupPanel } from './CheckSetupPanel';
import { GeneralSettings } from './GeneralSettings';
import { SyncSettings } from './SyncSettings';
import { WhatCrossesSettings } from './WhatCrossesSettings';
import { useSettings } from './useSettings';

export function SettingsView({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  const { load, settings, save, saveError, lastSaved } = useSettings();
  const problemFor = (key: string) => (saveError?.key === key ? saveError.message : undefined);
  const saveAndTell = (change: Parameters<typeof save>[0]) => void save(change).then((ok) => ok && onChanged());
  return (
    <div className="view settings-view">
      <header className="view-header">
        <h1>Settings</h1>
        <span className="muted" role="status">
          {lastSaved && !saveError ? 'Saved' : ''}
        </span>
      </header>
      <AccountSettings status={status} onChanged={onChanged} />
      <CalendarSettings status={status} onChanged={onChanged} />
      {load.state === 'loading' && !settings && <Loading what="settings" />}
      {load.state === 'error' && !settings && <ErrorNote message={load.error} onRetry={load.reload} />}
      {saveError && !['interval', 'pastDays', 'futureDays', 'blockTitles', 'crossLocationTitles'].includes(saveError.key) && <ErrorNote message={saveError.message} />}
      {settings && (
        <>
          <SyncSettings settings={settings} save={saveAndTell} problemFor={problemFor} />
          <WhatCrossesSettings status={status} settings={settings} save={saveAndTell} problemFor={problemFor} />
          <GeneralSettings settings={settings} save={saveAndTell} />
        </>
      )}
      <CheckSetupPanel />
    </div>
  );
}
