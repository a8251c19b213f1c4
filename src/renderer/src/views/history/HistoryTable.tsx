// The run table: virtualised (only the rows in view exist in the page), newest first, each row
// expandable to its items. Rows are divs with table roles, because a virtual list positions them.
// The list is virtua's Virtualizer (about 8 kB minified): it measures every row it shows, so an
// opened row pushes the next one down by exactly its height. @tanstack/react-virtual cost 32 kB,
// and react-window 2 (about 19 kB) took the window over its 300 kB budget (issue 14).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Virtualizer, type VirtualizerHandle } from 'virtua';
import type { RunReport } from '../../../../shared/run-report';
import { StateBadge } from '../../components/StateBadge';
import { dayTime } from '../../lib/time';
import { outcomeWords, triggerWords, writesTo } from '../../lib/words';
import type { HistoryPages } from './useHistoryPages';
import { RunDetails } from './RunDetails';

const rowHeight = 30;
/** Rows drawn beyond each edge of the view, so a quick scroll does not show blank space. */
const overscanPixels = 10 * rowHeight;

/** The columns, in order: class, heading, and the heading's longer title where an arrow stands for words. */
const columns: [className: string, heading: string, title?: string][] = [
  ['col-time', 'Time'],
  ['col-trigger', 'Trigger'],
  ['col-outcome', 'Outcome'],
  ['col-num', '↑ iCloud', 'Changes written to iCloud'],
  ['col-num', '↓ Platform', 'Changes written to the platform'],
  ['col-num', 'Errors'],
];

function Cells({ run, now, expanded, onToggle }: { run: RunReport; now: Date; expanded: boolean; onToggle: () => void }) {
  const outcome = outcomeWords[run.outcome];
  const contents = [
    <button type="button" className="row-toggle" aria-expanded={expanded} onClick={onToggle} aria-label={`${dayTime(run.startedAt, now)}, ${outcome.word}: ${expanded ? 'hide' : 'show'} details`}>
      <span className="chevron" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
      {dayTime(run.startedAt, now)}
    </button>,
    triggerWords[run.trigger],
    <StateBadge tone={outcome.tone} word={outcome.word} />,
    writesTo(run.counts, 'icloud'),
    writesTo(run.counts, 'platform'),
    run.counts.errors,
  ];
  return (
    <div className="history-cells">
      {columns.map(([className], i) => (
        <span key={i} role="cell" className={i === 5 && run.counts.errors ? `${className} has-errors` : className}>
          {contents[i]}
        </span>
      ))}
    </div>
  );
}

/** onUndone: a run was undone from its details (the view says what the undo did). */
export function HistoryTable({ pages, now, onUndone }: { pages: HistoryPages; now: Date; onUndone?: (report: RunReport) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<VirtualizerHandle>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const total = pages.total ?? 0;
  // The Virtualizer renders one item per entry; a row needs only its index (runs come from pages).
  const indexes = useMemo(() => Array.from({ length: total }, (_, i) => i), [total]);
  const { ensure } = pages;
  // Load the pages of the rows drawn (the view and its overscan) whenever the view moves or resizes.
  const loadDrawnRows = useCallback(() => {
    const handle = list.current;
    if (!handle) return;
    const top = handle.scrollOffset;
    ensure(handle.findItemIndex(top - overscanPixels), handle.findItemIndex(top + handle.viewportSize + overscanPixels));
  }, [ensure]);
  useEffect(loadDrawnRows, [loadDrawnRows, total]);

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
          {columns.map(([className, heading, title]) => (
            <span key={heading} role="columnheader" className={className} title={title}>
              {heading}
            </span>
          ))}
        </div>
      </div>
      <div ref={scroller} className="history-scroll" role="rowgroup" tabIndex={-1}>
        <Virtualizer ref={list} scrollRef={scroller} data={indexes} itemSize={rowHeight} bufferSize={overscanPixels} onScroll={loadDrawnRows} onResize={loadDrawnRows}>
          {(index) => {
            const run = pages.run(index);
            const open = run ? expanded.has(run.id) : false;
            return (
              <div key={index} role="row" aria-rowindex={index + 2} className={`history-row${index % 2 ? ' odd' : ''}${open ? ' open' : ''}`}>
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
          }}
        </Virtualizer>
      </div>
    </div>
  );
}
