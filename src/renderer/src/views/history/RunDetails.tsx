// What one run did, item by item: events named by title, with the reason or the error in words.
import type { RunReport } from '../../../../shared/run-report';
import { opWords, sideName } from '../../lib/words';
import { UndoRun } from './UndoRun';
import { Muted } from '../../components/Muted';

/** onUndone: this run was undone here (UndoRun). */
export function RunDetails({ run, onUndone }: { run: RunReport; onUndone?: (report: RunReport) => void }) {
  return (
    <div className="run-details">
      {run.error && <p className="problem">{run.error.message}</p>}
      {run.items.length === 0 ? (
        // Only a run that went through can say nothing needed changing; a stopped one changed nothing.
        <p className="muted">{run.outcome === 'ok' ? 'Nothing needed changing.' : 'Nothing was changed.'}</p>
      ) : (
        <ul>
          {run.items.map((item, index) => (
            <li key={index} className={item.error ? 'item-error' : undefined}>
              <span className="item-op">{opWords[item.op]}</span> <strong>{item.title || '(no title)'}</strong>{' '}
              <Muted>on {sideName(item.side)}</Muted>
              {(item.error || item.reason) && <span className="item-reason"> — {item.error ?? item.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Requests: {run.requests.icloud} to iCloud, {run.requests.platform} to the platform · skipped {run.counts.skipped}
      </p>
      {run.undoable && <UndoRun run={run} onDone={onUndone} />}
    </div>
  );
}
