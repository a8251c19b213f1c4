// The run table: virtualised (only the rows in view exist in the page), newest first, each row
// expandable to its items. Rows are divs with table roles, because a virtual list positions them.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { RunReport } from '../../../../shared/run-report';
import { StateBadge } from '../../components/StateBadge';
import { dayTime } from '../../lib/time';
import { outcomeWords, triggerWords, writesTo } from '../../lib/words';
import type { HistoryPages } from './useHistoryPages';
import { RunDetails } from './RunDetails';

const rowHeight = 30;

function Cells({ run, now, expanded, onToggle }: { run: RunReport; now: Date; expanded: boolean; onToggle: () => void }) {
  const outcome = outcomeWords[run.outcome];
  return (
    <div className="history-cells">
      <span role="cell" className="col-time">
        <button type="button" className="row-toggle" aria-expanded={expanded} onClick={onToggle} aria-label={`${dayTime(run.startedAt, now)}, ${outcome.word}: ${expanded ? 'hide' : 'show'} details`}>
          <span className="chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          {dayTime(run.startedAt, now)}
        </button>
      </span>
      <span role="cell" className="col-trigger">
        {triggerWords[run.trigger]}
      </span>
      <span role="cell" className="col-outcome">
        <StateBadge tone={outcome.tone} word={outcome.word} />
      </span>
      <span role="cell" className="col-num">
        {writesTo(run.counts, 'icloud')}
      </span>
      <span role="cell" className="col-num">
        {writesTo(run.counts, 'platform')}
      </span>
      <span role="cell" className={`col-num${run.counts.errors ? ' has-errors' : ''}`}>
        {run.counts.errors}
      </span>
    </div>
  );
}

/** onUndone: a run was undone from its details (the view says what the undo did). */
export function HistoryTable({ pages, now, onUndone }: { pages: HistoryPages; now: Date; onUndone?: (report: RunReport) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const total = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // Before layout (and in test DOMs without layout) assume the usual table height.
    initialRect: { width: 600, height: 300 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);

  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  return (
    <div className="history-table" role="table" aria-label="Sync history, newest first" aria-rowcount={total + 1}>
      <div role="rowgroup" className="history-head">
        <div role="row" className="history-cells" aria-rowindex={1}>
          <span role="columnheader" className="col-time">Time</span>
          <span role="columnheader" className="col-trigger">Trigger</span>
          <span role="columnheader" className="col-outcome">Outcome</span>
          <span role="columnheader" className="col-num" title="Changes written to iCloud">
            ↑ iCloud
          </span>
          <span role="columnheader" className="col-num" title="Changes written to the platform">
            ↓ Platform
          </span>
          <span role="columnheader" className="col-num">Errors</span>
        </div>
      </div>
      <div ref={scroller} className="history-scroll" role="rowgroup" tabIndex={-1}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const run = pages.run(item.index);
            const open = run ? expanded.has(run.id) : false;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`history-row${item.index % 2 ? ' odd' : ''}${open ? ' open' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                {run ? (
                  <>
                    <Cells run={run} now={now} expanded={open} onToggle={() => toggle(run.id)} />
                    {open && <RunDetails run={run} onUndone={onUndone} />}
                  </>
                ) : (
                  <div className="history-cells placeholder" aria-busy="true">
                    <span role="cell" className="col-time muted">
                      Loading…
                    </span>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
