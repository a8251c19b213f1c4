// A location's "Remove…" (issue 15): a sheet that says what stays and what goes before anything
// changes — read from the app as it opens (locations.removalPreview) — and offers deleting the copies
// this app made for that location, previewed first as "Remove Everything This App Made" is. The safe
// button has the focus; a removal that fails says what happened, and the location stays connected.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { releasedSentence } from '../../../../shared/location-removal';
import type { RunReport } from '../../../../shared/run-report';
import { plural } from '../../../../shared/words';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';

type Preview = ResponseOf<'locations.removalPreview'>;

export function locationCopiesSentence(report: RunReport): string {
  const { icloud, platform } = report.counts;
  return `Will delete ${plural(icloud.deleted, 'iCloud copy', 'iCloud copies')} of its appointments and ${plural(platform.deleted, 'blocked slot')} this app made there. Your own events and the appointments stay.`;
}

export function RemoveLocationDialog({ locationId, name, onRemoved, onCancel }: { locationId: string; name: string; onRemoved: () => void; onCancel: () => void }) {
  const api = useApi();
  const [removeCopies, setRemoveCopies] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [looking, setLooking] = useState<string>();
  const { busy, failure, run } = useAction();

  useEffect(() => {
    let current = true;
    setPreview(undefined);
    setLooking(undefined);
    api.locations.removalPreview({ locationId, removeCopies }).then(
      (answer) => current && setPreview(answer),
      (error: unknown) => current && setLooking(plainError(error)),
    );
    return () => {
      current = false;
    };
  }, [api, locationId, removeCopies]);

  const remove = () =>
    run(async () => {
      await api.locations.remove({ locationId, removeCopies });
      onRemoved();
    });
  const released = preview ? releasedSentence(preview.releasedElsewhere) : '';

  return (
    <ConfirmDialog
      title={`Remove ${name}?`}
      confirmLabel={removeCopies ? 'Remove Location and Copies' : 'Remove Location'}
      busy={Boolean(busy)}
      busyLabel="Removing…"
      confirmDisabled={!preview}
      onConfirm={() => void remove()}
      onCancel={onCancel}
    >
      <p>
        Syncing with {name} stops and its token is removed from your keychain. Its appointments on the platform and your iCloud events stay as
        they are.
      </p>
      <label className="choice">
        <input type="checkbox" checked={removeCopies} disabled={Boolean(busy)} onChange={(event) => setRemoveCopies(event.target.checked)} />
        <span className="choice-name">Also delete the copies this app made for {name}</span>
      </label>
      {looking ? (
        <p role="alert">{looking}</p>
      ) : (
        <p>
          {!removeCopies
            ? 'The iCloud copies of its appointments and the blocked slots this app made there stay where they are.'
            : preview?.copies
              ? locationCopiesSentence(preview.copies)
              : 'Looking for the copies this app made…'}
        </p>
      )}
      {released && <p>{released}</p>}
      {preview?.last && <p>It is your only location: syncing stops, and the app asks you to connect one, as when you started.</p>}
      {failure && (
        <p role="alert">
          {failure} {name} is still connected; Remove… again finishes the job.
        </p>
      )}
    </ConfirmDialog>
  );
}
