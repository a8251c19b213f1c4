// Settings: Accounts, Calendars, Sync, What crosses, General (UI.md), then Check setup (the doctor, diagnostics).
// The settings that re-judge many events (the window, free events, invitations) are previewed before they are
// saved (ChangePreview.tsx); the others — filters and titles included — are saved as they change.
import { useCallback } from 'react';
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { StatusView } from '../../../../shared/status';
import { ErrorNote, Loading } from '../../components/Notice';
import { useApi } from '../../lib/api';
import { AccountSettings } from './AccountSettings';
import { CalendarSettings } from './CalendarSettings';
import { ChangePreview } from './ChangePreview';
import { CheckSetupPanel } from './CheckSetupPanel';
import { GeneralSettings } from './GeneralSettings';
import { SyncSettings } from './SyncSettings';
import { useChangePreview } from './useChangePreview';
import { WhatCrossesSettings } from './WhatCrossesSettings';
import { useSettings } from './useSettings';
import { ViewHeader } from '../../components/ViewHeader';
import { Muted } from '../../components/Muted';

/** Settings whose change decides again which events block time: previewed first. */
const rejudging: Partial<Record<SettingChange['key'], string>> = {
  pastDays: 'Days before today',
  futureDays: 'Days after today',
  freeEventsBlock: 'Free events block time too',
  invitationsBlock: 'Invitations that block time',
};

const invitationWords: Record<string, string> = { unanswered: 'accepted, maybe and not yet answered', tentative: 'accepted and maybe', accepted: 'only accepted' };

function changeInWords(change: SettingChange): string {
  const value = typeof change.value === 'boolean' ? (change.value ? 'on' : 'off') : (invitationWords[String(change.value)] ?? String(change.value));
  return `${rejudging[change.key] ?? change.key}: ${value}`;
}

export function SettingsView({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  const api = useApi();
  const { load, settings, save, saveError, lastSaved } = useSettings();
  const problemFor = (key: string) => (saveError?.key === key ? saveError.message : undefined);
  const saveAndTell = useCallback((change: SettingChange) => save(change).then((ok) => ok && onChanged()), [save, onChanged]);
  const preview = useCallback((change: SettingChange) => api.sync.preview({ settings: { [change.key]: change.value } }), [api]);
  const proposal = useChangePreview(preview, saveAndTell);
  const change = (next: SettingChange) => (rejudging[next.key] ? proposal.propose(next) : void saveAndTell(next));
  // While a change waits for Apply, its control shows the proposed value; Cancel puts it back.
  const shown = settings && proposal.pending ? { ...settings, [proposal.pending.change.key]: proposal.pending.change.value } : settings;
  return (
    <div className="view settings-view">
      <ViewHeader title="Settings">
        <Muted role="status">
          {lastSaved && !saveError ? 'Saved' : ''}
        </Muted>
      </ViewHeader>
      <AccountSettings status={status} onChanged={onChanged} />
      <CalendarSettings status={status} onChanged={onChanged} />
      {load.state === 'loading' && !settings && <Loading what="settings" />}
      {load.state === 'error' && !settings && <ErrorNote message={load.error} onRetry={load.reload} />}
      {saveError && !['interval', 'pastDays', 'futureDays', 'blockTitles', 'crossLocationTitles', 'filters'].includes(saveError.key) && <ErrorNote message={saveError.message} />}
      {shown && (
        <>
          <SyncSettings settings={shown} save={change} problemFor={problemFor} />
          {proposal.pending && (
            <ChangePreview
              what={changeInWords(proposal.pending.change)} preview={proposal.pending.preview} busy={proposal.busy}
              onApply={() => void proposal.apply()} onCancel={proposal.cancel}
            />
          )}
          <WhatCrossesSettings status={status} settings={shown} save={(next) => void saveAndTell(next)} problemFor={problemFor} />
          <GeneralSettings settings={shown} save={change} />
        </>
      )}
      <CheckSetupPanel />
    </div>
  );
}
