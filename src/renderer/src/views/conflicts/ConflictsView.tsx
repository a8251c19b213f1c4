// Conflicts: the list on the left (tick several to settle at once), the chosen one on the right
// with both versions; Keep iCloud / Keep Platform.
import { useEffect, useMemo, useState } from 'react';
import { DoneNote, Empty, ErrorNote, LoadNotes } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { useNow } from '../../hooks/useNow';
import { useApi } from '../../lib/api';
import { dayTime } from '../../lib/time';
import { plural } from '../../lib/words';
import { ConflictDetail } from './ConflictDetail';
import { Button } from '../../components/Button';
import { ViewHeader } from '../../components/ViewHeader';
import { Muted } from '../../components/Muted';

export function ConflictsView({ openCount, onChanged }: { openCount: number; onChanged: () => void }) {
  const api = useApi();
  const now = useNow();
  const conflicts = useLoad(() => api.conflicts.list(), [api, openCount]);
  const [shownId, setShownId] = useState<string>();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const { busy, failure, run } = useAction();
  const [done, setDone] = useState<string>();

  const list = useMemo(() => conflicts.data ?? [], [conflicts.data]);
  const shown = list.find((c) => c.id === shownId) ?? list[0];
  // Forget ticks for conflicts that are gone (settled here, or by a sync).
  useEffect(() => setTicked((current) => new Set([...current].filter((id) => list.some((c) => c.id === id)))), [list]);

  const targets = ticked.size > 0 ? [...ticked] : shown ? [shown.id] : [];
  const settle = async (keep: 'icloud' | 'platform') => {
    if (targets.length === 0) return;
    setDone(undefined);
    await run(async () => {
      // `resolved` counts the writes the decision made, not conflicts: word it by what was chosen.
      await api.conflicts.resolve({ ids: targets, keep });
      setDone(`${plural(targets.length, 'conflict')} settled: ${keep === 'icloud' ? 'iCloud' : 'platform'} version kept.`);
      setTicked(new Set());
      conflicts.reload();
      onChanged();
    });
  };

  const allTicked = list.length > 0 && list.every((c) => ticked.has(c.id));
  const forWhat = ticked.size > 1 ? ` for ${ticked.size}` : '';
  return (
    <div className="view conflicts-view">
      <ViewHeader title="Conflicts">
        {list.length > 0 && <Muted>{list.length} open</Muted>}
      </ViewHeader>
      {done && <DoneNote>{done}</DoneNote>}
      {failure && <ErrorNote message={failure} />}
      <LoadNotes load={conflicts} what="conflicts" />
      {conflicts.state === 'ready' && list.length === 0 && (
        <Empty title="No conflicts">When an event is changed on both sides between two syncs, it waits here for you to choose which version to keep.</Empty>
      )}
      {list.length > 0 && (
        <div className="split">
          <div className="split-list">
            <label className="tick-all">
              <input type="checkbox" checked={allTicked} onChange={(e) => setTicked(e.target.checked ? new Set(list.map((c) => c.id)) : new Set())} />
              Select all
            </label>
            <ul aria-label="Open conflicts">
              {list.map((c) => (
                <li key={c.id} className={`conflict-row${c.id === shown?.id ? ' current' : ''}`}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${c.title}`}
                    checked={ticked.has(c.id)}
                    onChange={(e) => {
                      const next = new Set(ticked);
                      if (e.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      setTicked(next);
                    }}
                  />
                  <button type="button" className="row-button" aria-current={c.id === shown?.id ? 'true' : undefined} onClick={() => setShownId(c.id)}>
                    <span className="row-title">{c.title}</span>
                    <Muted>{dayTime(c.icloud.start.length > 10 ? c.icloud.start : `${c.icloud.start}T00:00:00`, now)}</Muted>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div className="split-detail">
            {shown && (
              <>
                <h2>{shown.title}</h2>
                <p className="muted">Changed on both sides · noticed {dayTime(shown.detectedAt, now)}</p>
                <ConflictDetail conflict={shown} now={now} />
                <div className="actions">
                  <Button disabled={busy} onClick={() => settle('icloud')}>
                    Keep iCloud{forWhat}
                  </Button>
                  <Button disabled={busy} onClick={() => settle('platform')}>
                    Keep Platform{forWhat}
                  </Button>
                </div>
                {ticked.size > 0 && <p className="hint">Applies to the {ticked.size === 1 ? 'selected conflict' : `${ticked.size} selected conflicts`}.</p>}
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
