// "Save Diagnostics…": main shows the save dialog and writes the support file (cli.md
// `diagnostics`); the page only says whether titles may be included and shows where it went.
import { useState } from 'react';
import { ErrorNote } from '../../components/Notice';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';
import { Button } from '../../components/Button';

type Save = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; path: string } | { state: 'error'; message: string };

export function SaveDiagnostics() {
  const api = useApi();
  const [includeTitles, setIncludeTitles] = useState(false);
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const start = () => {
    setSave({ state: 'saving' });
    api.diagnostics.save({ includeTitles }).then(
      (result) => setSave(result.saved ? { state: 'saved', path: result.path } : { state: 'idle' }),
      (error: unknown) => setSave({ state: 'error', message: plainError(error) }),
    );
  };
  return (
    <div className="save-diagnostics">
      <p className="muted">
        For support: one file with versions, settings, counts, this check and recent runs. Titles, notes, addresses and emails are replaced by
        placeholders; passwords and tokens are never in it.
      </p>
      <label className="toggle">
        <input type="checkbox" checked={includeTitles} onChange={(event) => setIncludeTitles(event.target.checked)} /> Include event titles
      </label>
      <div className="row-actions">
        <Button onClick={start} disabled={save.state === 'saving'}>
          Save Diagnostics…
        </Button>
      </div>
      {save.state === 'saved' && (
        <p role="status">
          Saved to <code>{save.path}</code>. Open it to check before sending it.
        </p>
      )}
      {save.state === 'error' && <ErrorNote message={save.message} />}
    </div>
  );
}
