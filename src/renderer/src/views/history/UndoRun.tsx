// History → a run's details → "Undo This Run…" (issue 13 item 2): asks first in a sheet naming how
// many items go back on each side (and how many changed since and stay as they are), then runs the
// undo — itself a run in the history — and says what it did.
import { useState } from 'react';
import type { UndoPreview } from '../../../../shared/ipc/views';
import type { RunReport } from '../../../../shared/run-report';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DoneNote, ErrorNote } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../lib/api';
import { plural } from '../../lib/words';
import { Button } from '../../components/Button';

type Plan = UndoPreview;

/** onDone: the undo run, once it happened (History shows what it did above the table, which reloads). */
export function UndoRun({ run, onDone }: { run: RunReport; onDone?: (report: RunReport) => void }) {
  const api = useApi();
  const [plan, setPlan] = useState<Plan>();
  const { busy: working, failure: error, run: act } = useAction();
  const [done, setDone] = useState<RunReport>();

  const ask = () => act(async () => setPlan(await api.run.undoPreview({ id: run.id })));

  // The sheet closes whether the undo went through or not; a refusal shows under the button.
  const confirm = () =>
    act(async () => {
      try {
        // Undo Anyway past a safety guard the sheet showed is the user's decision (undo-guards.ts).
        const report = await api.run.undo(plan?.guard ? { id: run.id, allowGuards: true } : { id: run.id });
        setDone(report);
        onDone?.(report);
      } finally {
        setPlan(undefined);
      }
    });

  if (done) return <DoneNote>{undoneWords(done)}</DoneNote>;
  return (
    <div className="undo-run">
      <Button disabled={working} onClick={() => void ask()}>
        Undo This Run…
      </Button>
      {error && <ErrorNote message={error} />}
      {plan && (
        <ConfirmDialog
          title="Undo this run?"
          confirmLabel={plan.guard ? 'Undo Anyway' : 'Undo Run'}
          cancelLabel="Keep As It Is"
          busy={working}
          busyLabel="Undoing…"
          onConfirm={() => void confirm()}
          onCancel={() => setPlan(undefined)}
        >
          <p>
            Puts back {plural(plan.icloud, 'iCloud event')} and {plural(plan.platform, 'platform item')} as they were before this run:
            what it created is deleted, what it changed is changed back, what it deleted is made again as a new event. A cancelled
            booking stays cancelled.
          </p>
          {plan.guard && <p role="alert"><strong>{plan.guard.message}</strong></p>}
          {plan.refused > 0 && <p>{plural(plan.refused, 'item')} changed since and will be left as {plan.refused === 1 ? 'it is' : 'they are'}.</p>}
          <p>The app stops following these events afterwards; Follow Again on Status brings one back.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** What the undo run did, in words. */
export function undoneWords(report: RunReport): string {
  const { icloud, platform, skipped } = report.counts;
  const back = (side: RunReport['counts']['icloud']) => side.created + side.updated + side.deleted;
  const refused = skipped ? ` ${plural(skipped, 'item')} changed since and ${skipped === 1 ? 'was' : 'were'} left as ${skipped === 1 ? 'it is' : 'they are'}.` : '';
  return `Undone: ${plural(back(icloud), 'iCloud event')} and ${plural(back(platform), 'platform item')} put back.${refused}`;
}
