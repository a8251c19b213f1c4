// Settings → "Check setup": runs the doctor (cli.md `doctor`) when asked — it makes requests to
// both services, so never on its own — and lists one line per check, each a word and a colour
// (UI.md: never colour alone), with what to do under the ones that need it. "Save Diagnostics…"
// sits here too: the two are what a user reaches for when something is wrong.
import { useState } from 'react';
import type { DoctorCheck, DoctorReport } from '../../../../shared/doctor';
import { StateBadge } from '../../components/StateBadge';
import { ErrorNote, Loading } from '../../components/Notice';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';
import { plural, type Tone } from '../../lib/words';
import { SaveDiagnostics } from './SaveDiagnostics';
import './check-setup.css';
import { Button } from '../../components/Button';
import { SettingsGroup } from './SettingsGroup';

const badge: Record<DoctorCheck['status'], { tone: Tone; word: string }> = {
  pass: { tone: 'ok', word: 'OK' },
  warn: { tone: 'attention', word: 'Warning' },
  fail: { tone: 'error', word: 'Problem' },
};

type Run = { state: 'idle' } | { state: 'running' } | { state: 'done'; report: DoctorReport } | { state: 'error'; message: string };

export function CheckSetupPanel() {
  const api = useApi();
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const check = () => {
    setRun({ state: 'running' });
    api.doctor.run().then(
      (report) => setRun({ state: 'done', report }),
      (error: unknown) => setRun({ state: 'error', message: plainError(error) }),
    );
  };
  return (
    <SettingsGroup id="check-setup" title="Check setup">
      <p className="muted">Checks iCloud, the platform, the keychain and this Mac against what syncing needs, and says what to do about anything wrong.</p>
      <div className="row-actions">
        <Button onClick={check} disabled={run.state === 'running'}>
          {run.state === 'running' ? 'Checking…' : run.state === 'done' ? 'Check Again' : 'Check Setup'}
        </Button>
      </div>
      {run.state === 'running' && <Loading doing="Checking" what="your setup" />}
      {run.state === 'error' && <ErrorNote message={run.message} onRetry={check} />}
      {run.state === 'done' && <CheckList report={run.report} />}
      <SaveDiagnostics />
    </SettingsGroup>
  );
}

function CheckList({ report }: { report: DoctorReport }) {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  const summary = failed
    ? `${plural(failed, 'problem')}${warned ? `, ${plural(warned, 'warning')}` : ''}.`
    : warned ? `No problems; ${plural(warned, 'warning')}.` : 'Everything checks out.';
  return (
    <>
      <p role="status">{summary}</p>
      <ul className="setup-checks" aria-label="Setup checks">
        {report.checks.map((check) => (
          <li key={check.name} className={`setup-check setup-check-${check.status}`}>
            <StateBadge {...badge[check.status]} /> <strong>{check.name}</strong>
            <p>{check.message}</p>
            {check.fix && check.status !== 'pass' && <p className="muted">What to do: {check.fix}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
