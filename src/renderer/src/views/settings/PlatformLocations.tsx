// Settings → Accounts, the platform side (issue 15): one row per connected location — its name, the
// user and its state — with Reconnect… (a new token) and Remove… (asks first), and Add a Location…,
// which opens the connect form onboarding uses (token, location ID, which user is you).
import { useState } from 'react';
import type { LocationStatus, StatusView } from '../../../../shared/status';
import { locationPhrase } from '../../../../shared/words';
import { Button } from '../../components/Button';
import { ConnectPlatformForm } from '../../onboarding/ConnectPlatformForm';
import { healthWords } from '../status/ConnectionCard';
import { RemoveLocationDialog } from './RemoveLocationDialog';
import { Muted } from '../../components/Muted';

/** Every connected location (`locations` is sent only when there are several). */
export function connectedLocations(status: StatusView): LocationStatus[] {
  return status.locations ?? (status.platform.connected ? [status.platform] : []);
}

function LocationRow({ location, onChanged }: { location: LocationStatus; onChanged: () => void }) {
  const [mode, setMode] = useState<'idle' | 'reconnect' | 'remove'>('idle');
  const name = locationPhrase(location) ?? 'the platform';
  const done = () => {
    setMode('idle');
    onChanged();
  };
  const facts = [location.userName ?? location.userId, healthWords(location.connected, location.health, location.message).word].filter(Boolean).join(' · ');
  return (
    <li className="account">
      <div className="account-line location-line">
        <div>
          <strong>Platform: {name}</strong> <Muted>{facts}</Muted>
        </div>
        <div className="row-actions">
          <Button onClick={() => setMode(mode === 'reconnect' ? 'idle' : 'reconnect')} aria-expanded={mode === 'reconnect'} aria-label={`Reconnect ${name}`}>
            Reconnect…
          </Button>
          <Button onClick={() => setMode('remove')} aria-label={`Remove ${name}`}>
            Remove…
          </Button>
        </div>
      </div>
      {mode === 'reconnect' && <ConnectPlatformForm onConnected={done} initialLocationId={location.locationId} submitLabel="Check Token" />}
      {mode === 'remove' && location.locationId && <RemoveLocationDialog locationId={location.locationId} name={name} onRemoved={done} onCancel={() => setMode('idle')} />}
    </li>
  );
}

export function PlatformLocations({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  const added = () => {
    setAdding(false);
    onChanged();
  };
  return (
    <>
      <ul className="locations" aria-label="Platform locations">
        {connectedLocations(status).map((location) => (
          <LocationRow key={location.locationId} location={location} onChanged={onChanged} />
        ))}
      </ul>
      <div className="account">
        <div className="account-line location-line">
          <Muted>Work in another sub-account too? Add it: the appointments of each block their time in the others.</Muted>
          <Button onClick={() => setAdding(!adding)} aria-expanded={adding}>
            Add a Location…
          </Button>
        </div>
        {adding && <ConnectPlatformForm onConnected={added} submitLabel="Check Token" alreadyConnected={connectedLocations(status).flatMap((l) => (l.locationId ? [l.locationId] : []))} />}
      </div>
    </>
  );
}
