// Connect the platform: a Private Integration Token and the location id, then "which of these is
// you?" from the location's users (connectPlatform answers 'choose-user' first).
import { useState, type FormEvent } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { Field } from '../components/Field';
import { FormEnd } from '../components/FormEnd';
import { ErrorNote } from '../components/Notice';
import { useAction } from '../hooks/useAction';
import { useApi } from '../lib/api';
import { requiredProblem, urlProblem } from '../lib/validate';
import { Button } from '../components/Button';

type User = Extract<ResponseOf<'accounts.connectPlatform'>, { status: 'choose-user' }>['users'][number];

/** `alreadyConnected`: Settings' Add a Location… refuses these ids (their rows have Reconnect…). */
export function ConnectPlatformForm({ onConnected, initialLocationId = '', submitLabel = 'Continue', alreadyConnected = [] }: { onConnected: () => void; initialLocationId?: string; submitLabel?: string; alreadyConnected?: string[] }) {
  const api = useApi();
  const [token, setToken] = useState('');
  const [locationId, setLocationId] = useState(initialLocationId);
  const [apiUrl, setApiUrl] = useState('');
  const [problems, setProblems] = useState<{ token?: string; locationId?: string; apiUrl?: string }>({});
  const [users, setUsers] = useState<User[]>();
  const [userId, setUserId] = useState<string>();
  /** What a person calls the location, when the token may read it: shown instead of the id. */
  const [locationName, setLocationName] = useState<string>();
  const { busy, failure, setFailure, run } = useAction();

  const request = () => ({ token: token.trim(), locationId: locationId.trim(), ...(apiUrl.trim() ? { apiUrl: apiUrl.trim() } : {}) });

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      token: requiredProblem(token, 'Paste your Private Integration Token.'),
      locationId: requiredProblem(locationId, 'Enter your location ID.') ?? (alreadyConnected.includes(locationId.trim()) ? 'This location is already connected: use Reconnect… on its row.' : undefined),
      apiUrl: urlProblem(apiUrl, 'API address'),
    };
    setProblems(found);
    setFailure(undefined);
    if (found.token || found.locationId || found.apiUrl) return;
    await run(async () => {
      const answer = await api.accounts.connectPlatform(request());
      if (answer.status === 'connected') onConnected();
      else {
        setUsers(answer.users);
        setLocationName(answer.locationName);
        setUserId(answer.users.length === 1 ? answer.users[0].id : undefined);
      }
    });
  };

  const choose = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      setFailure('Choose yourself from the list.');
      return;
    }
    await run(async () => {
      await api.accounts.connectPlatform({ ...request(), userId });
      setToken('');
      onConnected();
    });
  };

  if (users) {
    return (
      <form className="form" onSubmit={choose} aria-label="Choose yourself">
        <fieldset className="choices">
          <legend>
            {locationName ? `Which of these people at ${locationName} is you?` : 'Which of these people is you?'} Appointments assigned to you are synced.
          </legend>
          {users.length === 0 && <p className="hint">This location has no users yet. Add yourself on the platform, then try again.</p>}
          {users.map((user) => (
            <label key={user.id} className="choice">
              <input type="radio" name="platform-user" value={user.id} checked={userId === user.id} onChange={() => setUserId(user.id)} />
              <span className="choice-name">{user.name || user.email || 'Unnamed user'}</span>
              {user.email && <span className="choice-detail">{user.email}</span>}
            </label>
          ))}
        </fieldset>
        {failure && <ErrorNote message={failure} />}
        <div className="form-actions">
          <Button onClick={() => setUsers(undefined)} disabled={busy}>
            Back
          </Button>
          <Button type="submit" tone="primary" disabled={busy || !userId}>
            {busy ? 'Connecting…' : 'Connect the Platform'}
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form className="form" onSubmit={verify} noValidate aria-label="Connect the platform">
      <div className="explain">
        <p>
          The app reads your appointments and writes blocked slots through a <strong>Private Integration Token</strong>. On the platform, open
          Settings → Private Integrations, create one with the calendar scopes, and paste it here. Your location ID is in Settings → Business
          Profile.
        </p>
      </div>
      <Field label="Private Integration Token" type="password" autoComplete="off" spellCheck={false} value={token} onChange={setToken} problem={problems.token} hint="Stored only in your Mac's keychain." />
      <Field label="Location ID" value={locationId} onChange={setLocationId} problem={problems.locationId} spellCheck={false} autoComplete="off" />
      <details className="advanced">
        <summary>Advanced</summary>
        <Field label="API address" type="url" value={apiUrl} onChange={setApiUrl} problem={problems.apiUrl} placeholder="https://services.leadconnectorhq.com" hint="Leave empty for the platform's own address." />
      </details>
      <FormEnd failure={failure} busy={busy} label={submitLabel} busyLabel="Checking…" />
    </form>
  );
}
