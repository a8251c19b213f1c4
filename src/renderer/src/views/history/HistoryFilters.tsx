// Above the table: search, outcome and direction filters, and Export (CSV or JSON).
import { useEffect, useState } from 'react';
import { outcomes } from '../../../../shared/run-report-values';
import { outcomeWords } from '../../lib/words';
import type { HistoryFilter } from './useHistoryPages';
import { Button } from '../../components/Button';
import { Muted } from '../../components/Muted';

interface Props {
  filter: HistoryFilter;
  onChange: (filter: HistoryFilter) => void;
}

export function HistoryFilters({ filter, onChange }: Props) {
  const [text, setText] = useState(filter.text ?? '');
  // Search as the person types, but not on every key: wait for a short pause.
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === (filter.text ?? '')) return;
    const timer = setTimeout(() => onChange({ ...filter, text: trimmed || undefined }), 250);
    return () => clearTimeout(timer);
  }, [text, filter, onChange]);

  return (
    <div className="toolbar" role="search">
      <input type="search" className="search" placeholder="Search titles and errors" aria-label="Search history" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
      <select aria-label="Outcome" value={filter.outcome ?? ''} onChange={(e) => onChange({ ...filter, outcome: (e.target.value || undefined) as HistoryFilter['outcome'] })}>
        <option value="">All outcomes</option>
        {outcomes.map((o) => (
          <option key={o} value={o}>
            {outcomeWords[o].word}
          </option>
        ))}
      </select>
      <select aria-label="Direction" value={filter.direction ?? ''} onChange={(e) => onChange({ ...filter, direction: (e.target.value || undefined) as HistoryFilter['direction'] })}>
        <option value="">Both directions</option>
        <option value="to-icloud">To iCloud</option>
        <option value="to-platform">To the platform</option>
      </select>
    </div>
  );
}

/** Export what the filters show, as CSV or JSON (in the view's header, like a window toolbar). */
export function ExportButtons({ onExport, exporting }: { onExport: (format: 'csv' | 'json') => void; exporting?: boolean }) {
  return (
    <span className="export" role="group" aria-label="Export">
      <Muted>Export</Muted>
      <Button disabled={exporting} onClick={() => onExport('csv')} aria-label="Export the shown runs as CSV">
        CSV
      </Button>
      <Button disabled={exporting} onClick={() => onExport('json')} aria-label="Export the shown runs as JSON">
        JSON
      </Button>
    </span>
  );
}
