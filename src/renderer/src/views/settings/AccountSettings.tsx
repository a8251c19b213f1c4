// Accounts: iCloud with Reconnect (a new password), Disconnect (asks first) and Remove Everything This
// App Made (a preview, then disconnect); then every platform location (PlatformLocations.tsx).
import { useState } from 'react';
import type { StatusView } from '../../../../shared/status';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../lib/api';
import { ConnectIcloudForm } from '../../onboarding/ConnectIcloudForm';
import { RemoveCopiesDialog } from './RemoveCopiesDialog';
import { Button } from '../../components/Button';
import { PlatformLocations } from './PlatformLocations';
import { SettingsGroup } from './SettingsGroup';
import { Muted } from '../../components/Muted';

function IcloudAccount({ appleId, onChanged }: { appleId?: string; onChanged: () => void }) {
  const api = useApi();
  const [mode, setMode] = useState<'idle' | 'reconnect' | 'confirm' | 'remove'>('idle');
  const { busy, failure, run } = useAction();

  const disconnect = (removeCopies = false) =>
    run(async () => {
      await api.accounts.disconnect({ side: 'icloud', ...(removeCopies ? { removeCopies } : {}) });
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
          <strong>iCloud</strong> <Muted>{appleId ?? 'Not connected'}</Muted>
        </div>
        <div className="row-actions">
          <Button onClick={() => setMode(mode === 'reconnect' ? 'idle' : 'reconnect')} aria-expanded={mode === 'reconnect'} aria-label="Reconnect iCloud">
            Reconnect…
          </Button>
          <Button onClick={() => setMode('confirm')} aria-label="Disconnect iCloud">
            Disconnect…
          </Button>
          <Button onClick={() => setMode('remove')} aria-label="Remove everything this app made and disconnect iCloud">
            Remove Everything This App Made…
          </Button>
        </div>
      </div>
      {mode === 'confirm' && (
        <ConfirmDialog title="Disconnect iCloud?" confirmLabel="Disconnect" busy={busy} busyLabel="Disconnecting…" onConfirm={() => void disconnect()} onCancel={() => setMode('idle')}>
          <p>
            Syncing stops and the app-specific password for {appleId ?? 'iCloud'} is removed from your keychain. Events already copied stay where they
            are on both sides.
          </p>
        </ConfirmDialog>
      )}
      {mode === 'remove' && <RemoveCopiesDialog sideName="iCloud" busy={busy} onConfirm={() => void disconnect(true)} onCancel={() => setMode('idle')} />}
      {mode === 'reconnect' && <ConnectIcloudForm onConnected={reconnected} initialAppleId={appleId} submitLabel="Reconnect iCloud" />}
      {failure && <ErrorNote message={failure} />}
    </div>
  );
}

export function AccountSettings({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  return (
    <SettingsGroup id="account-settings" title="Accounts">
      <IcloudAccount appleId={status.icloud.appleId} onChanged={onChanged} />
      <PlatformLocations status={status} onChanged={onChanged} />
    </SettingsGroup>
  );
}
