// Connect iCloud: the Apple ID and an app-specific password (explained, with a link to make one),
// checked for its shape before anything is sent. Also used to reconnect from Settings.
import { useState, type FormEvent } from 'react';
import { Field } from '../components/Field';
import { FormEnd } from '../components/FormEnd';
import { useAction } from '../hooks/useAction';
import { useApi } from '../lib/api';
import { plainError } from '../lib/messages';
import { appleIdProblem, appPasswordProblem, normaliseAppPassword, urlProblem } from '../lib/validate';

export function ConnectIcloudForm({ onConnected, initialAppleId = '', submitLabel = 'Connect iCloud' }: { onConnected: () => void; initialAppleId?: string; submitLabel?: string }) {
  const api = useApi();
  const [appleId, setAppleId] = useState(initialAppleId);
  const [password, setPassword] = useState('');
  const [server, setServer] = useState('');
  const [problems, setProblems] = useState<{ appleId?: string; password?: string; server?: string }>({});
  const { busy, failure, setFailure, run } = useAction();

  const openApple = () => void api.app.openExternal({ url: 'https://account.apple.com' }).catch((error: unknown) => setFailure(plainError(error)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = { appleId: appleIdProblem(appleId), password: appPasswordProblem(password), server: urlProblem(server, 'server address') };
    setProblems(found);
    setFailure(undefined);
    if (found.appleId || found.password || found.server) return;
    await run(async () => {
      await api.accounts.connectIcloud({
        appleId: appleId.trim(),
        password: normaliseAppPassword(password),
        ...(server.trim() ? { caldavUrl: server.trim() } : {}),
      });
      setPassword('');
      onConnected();
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Connect iCloud">
      <div className="explain">
        <p>
          iCloud calendars need an <strong>app-specific password</strong>: a separate password Apple makes for apps like this one, so your
          Apple ID password never leaves Apple. You can revoke it at any time. It needs two-factor authentication on your Apple ID.
        </p>
        <p>
          Make one at account.apple.com → Sign-In and Security → App-Specific Passwords, then paste it below.{' '}
          <button type="button" className="link" onClick={openApple}>
            Open account.apple.com
          </button>
        </p>
      </div>
      <Field label="Apple ID" type="email" autoComplete="username" value={appleId} onChange={setAppleId} problem={problems.appleId} placeholder="name@icloud.com" />
      <Field
        label="App-specific password"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={password}
        onChange={setPassword}
        problem={problems.password}
        placeholder="xxxx-xxxx-xxxx-xxxx"
        hint="Stored only in your Mac's keychain."
      />
      <details className="advanced">
        <summary>Advanced</summary>
        <Field label="Calendar server" type="url" value={server} onChange={setServer} problem={problems.server} placeholder="https://caldav.icloud.com" hint="Leave empty for iCloud." />
      </details>
      <FormEnd failure={failure} busy={busy} label={submitLabel} busyLabel="Connecting…" />
    </form>
  );
}
