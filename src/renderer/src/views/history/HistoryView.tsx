// History: filters and export, a 30-day chart, and the virtualised table of runs.
import { useState } from 'react';
import { DoneNote, Empty, ErrorNote, Loading } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useNow } from '../../hooks/useNow';
import { useApi } from '../../lib/api';
import { downloadText } from './download';
import { HistoryChart } from './HistoryChart';
import { ExportButtons, HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { useHistoryPages, type HistoryFilter } from './useHistoryPages';
import { useRecentRuns } from './useRecentRuns';
import { undoneWords } from './UndoRun';
import { ViewHeader } from '../../components/ViewHeader';
import { Muted } from '../../components/Muted';

export function HistoryView({ lastRunId }: { lastRunId?: string }) {
  const api = useApi();
  const now = useNow(60_000);
  const [filter, setFilter] = useState<HistoryFilter>({});
  const { busy: exporting, failure: exportFailure, run } = useAction();
  /** Where the last export went; cleared with the failure when the next one starts. */
  const [exported, setExported] = useState<string>();
  // What an undo from a run's details did: shown here, since the table reloads with the new run.
  const [undoNote, setUndoNote] = useState<string>();
  // A new run (lastRunId changes) refreshes the table and the chart.
  const pages = useHistoryPages(filter, lastRunId);
  const recent = useRecentRuns(pages.total !== undefined, lastRunId);
  const filtered = Boolean(filter.outcome || filter.direction || filter.text);

  const exportRuns = (format: 'csv' | 'json') => {
    setExported(undefined);
    return run(async () => {
      const { filename, content } = await api.history.export({ format, ...filter });
      downloadText(filename, content, format);
      setExported(filename);
    });
  };

  return (
    <div className="view history-view">
      <ViewHeader title="History">
        {pages.total !== undefined && (
          <Muted role="status">
            {pages.total === 1 ? '1 run' : `${pages.total.toLocaleString()} runs`}
            {filtered ? ' match' : ''}
          </Muted>
        )}
        <ExportButtons onExport={exportRuns} exporting={exporting} />
      </ViewHeader>
      <HistoryFilters filter={filter} onChange={setFilter} />
      {undoNote && <DoneNote>{undoNote}</DoneNote>}
      {exported && <DoneNote>{`Saved ${exported} to your Downloads.`}</DoneNote>}
      {exportFailure && <ErrorNote message={exportFailure} />}
      <HistoryChart bars={recent.bars} error={recent.error} />
      {pages.error && <ErrorNote message={pages.error} onRetry={pages.retry} />}
      {pages.total === undefined && !pages.error && <Loading what="history" />}
      {pages.total === 0 &&
        (filtered ? (
          <Empty title="No runs match">Try another word or clear the filters.</Empty>
        ) : (
          <Empty title="No syncs yet">Each sync is listed here with what it changed on each side.</Empty>
        ))}
      {pages.total !== undefined && pages.total > 0 && <HistoryTable pages={pages} now={now} onUndone={(report) => setUndoNote(undoneWords(report))} />}
    </div>
  );
}
