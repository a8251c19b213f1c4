// Accounts: each connection with Reconnect (a new password or token), Disconnect (asks first) and
// Remove Everything This App Made (a preview, then disconnect).
import { useState } from 'react';
import type { StatusView } from '../../../../shared/status';
import { locationPhrase } from '../../../../shared/words';
import { healthWords } from '../status/ConnectionCard';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../lib/api';
import { ConnectIcloudForm } from '../../onboarding/ConnectIcloudForm';
import { ConnectPlatformForm } from '../../onboarding/ConnectPlatformForm';
import { RemoveCopiesDialog } from './RemoveCopiesDialog';
import { Button } from '../../components/Button';
import { SettingsGroup } from './SettingsGroup';

type Side = 'icloud' | 'platform';
const sideTitle: Record<Side, string> = { icloud: 'iCloud', platform: 'Platform' };

function Account({ side, summary, account, onChanged }: { side: Side; summary: string; account?: string; onChanged: () => void }) {
  const api = useApi();
  const [mode, setMode] = useState<'idle' | 'reconnect' | 'confirm' | 'remove'>('idle');
  const { busy, failure, run } = useAction();

  const disconnect = (removeCopies = false) =>
    run(async () => {
      await api.accounts.disconnect({ side, ...(removeCopies ? { removeCopies } : {}) });
      setMode('idle');
      onChanged();
    });
  const reconnected = () => {
    setMode('idle');
    onChanged();
  };

  return (
    <div className="account">
      <div className="account-line">
        <div>
          <strong>{sideTitle[side]}</strong> <span className="muted">{summary}</span>
        </div>
        <div className="row-actions">
          <Button onClick={() => setMode(mode === 'reconnect' ? 'idle' : 'reconnect')} aria-expanded={mode === 'reconnect'} aria-label={`Reconnect ${sideTitle[side]}`}>
            Reconnect…
          </Button>
          <Button onClick={() => setMode('confirm')} aria-label={`Disconnect ${sideTitle[side]}`}>
            Disconnect…
          </Button>
          <Button onClick={() => setMode('remove')} aria-label={`Remove everything this app made and disconnect ${sideTitle[side]}`}>
            Remove Everything This App Made…
          </Button>
        </div>
      </div>
      {mode === 'confirm' && (
        <ConfirmDialog
          title={`Disconnect ${sideTitle[side]}?`}
          confirmLabel="Disconnect"
          busy={busy}
          busyLabel="Disconnecting…"
          onConfirm={() => void disconnect()}
          onCancel={() => setMode('idle')}
        >
          <p>
            Syncing stops and the {side === 'icloud' ? 'app-specific password' : 'token'} for {account ?? sideTitle[side]} is removed from your keychain.
            Events already copied stay where they are on both sides.
          </p>
        </ConfirmDialog>
      )}
      {mode === 'remove' && (
        <RemoveCopiesDialog sideName={sideTitle[side]} busy={busy} onConfirm={() => void disconnect(true)} onCancel={() => setMode('idle')} />
      )}
      {mode === 'reconnect' &&
        (side === 'icloud' ? (
          <ConnectIcloudForm onConnected={reconnected} initialAppleId={account} submitLabel="Reconnect iCloud" />
        ) : (
          <ConnectPlatformForm onConnected={reconnected} initialLocationId={account} submitLabel="Check Token" />
        ))}
      {failure && <ErrorNote message={failure} />}
    </div>
  );
}

export function AccountSettings({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  const platformSummary = [locationPhrase(status.platform), status.platform.userName].filter(Boolean).join(' · ');
  return (
    <SettingsGroup id="account-settings" title="Accounts">
      <Account side="icloud" summary={status.icloud.appleId ?? 'Not connected'} account={status.icloud.appleId} onChanged={onChanged} />
      <Account side="platform" summary={platformSummary || 'Not connected'} account={status.platform.locationId} onChanged={onChanged} />
      {status.locations && (
        // Several sub-accounts (issue 15): each by name, user and state (`icloud-sync` adds and removes them).
        <ul className="locations" aria-label="Platform locations">
          {status.locations.map((location) => (
            <li key={location.locationId}>
              {[locationPhrase(location), location.userName ?? location.userId, healthWords(location.connected, location.health, location.message).word].filter(Boolean).join(' · ')}
            </li>
          ))}
        </ul>
      )}
    </SettingsGroup>
  );
}
