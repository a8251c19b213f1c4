// "Remove Everything This App Made": shown first as a preview (what would go, nothing changed to find
// out), then confirmed; the copies go, the owners stay, and the account is disconnected so the next
// sync cannot make them again.
import { useEffect, useState } from 'react';
import type { RunReport } from '../../../../shared/run-report';
import { plural } from '../../../../shared/words';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';

export function removalSentence(report: RunReport): string {
  const { icloud, platform } = report.counts;
  return `Will delete ${plural(icloud.deleted, 'iCloud copy', 'iCloud copies')} of appointments and ${plural(platform.deleted, 'blocked slot')} this app made. Your own events and the appointments stay.`;
}

export function RemoveCopiesDialog({ sideName, busy, onConfirm, onCancel }: { sideName: string; busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const api = useApi();
  const [preview, setPreview] = useState<RunReport>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    api.copies.preview().then(setPreview, (error: unknown) => setFailure(plainError(error)));
  }, [api]);
  return (
    <ConfirmDialog
      title="Remove everything this app made?"
      confirmLabel={`Remove and Disconnect ${sideName}`}
      busy={busy || !preview}
      busyLabel={preview ? 'Removing…' : 'Looking…'}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {failure ? <p role="alert">{failure}</p> : <p>{preview ? removalSentence(preview) : 'Looking for the copies this app made…'}</p>}
      <p>Then {sideName} is disconnected, so the next sync does not make them again.</p>
    </ConfirmDialog>
  );
}
