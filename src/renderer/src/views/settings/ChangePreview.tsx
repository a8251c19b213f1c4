// A Settings change that re-judges many events (the window, free events, the calendars) is not
// saved at once: first a dry run with the proposed value (sync.preview, nothing saved anywhere)
// says what the next sync would then do, and the user applies or cancels it.
import { useEffect, useRef } from 'react';
import type { RunReport } from '../../../../shared/run-report';
import { guardHeadline, plural } from '../../../../shared/words';
import { Button } from '../../components/Button';

/** "This change will create 3 blocked slots and 1 iCloud event, delete 2 blocked slots." */
export function changeSentence(report: RunReport): string {
  const { icloud, platform } = report.counts;
  const side = (n: number, what: string) => n && plural(n, what);
  const verbs = [
    ['create', [side(platform.created, 'blocked slot'), side(icloud.created, 'iCloud event')]],
    ['update', [side(platform.updated, 'blocked slot'), side(icloud.updated, 'iCloud event')]],
    ['delete', [side(platform.deleted, 'blocked slot'), side(icloud.deleted, 'iCloud event')]],
  ] as const;
  const parts = verbs.map(([verb, things]) => [verb, things.filter(Boolean)] as const)
    .filter(([, things]) => things.length > 0).map(([verb, things]) => `${verb} ${things.join(' and ')}`);
  const adopted = report.items.filter((item) => item.op === 'adopt').length;
  if (adopted) parts.push(`adopt ${adopted} that already exist${adopted === 1 ? 's' : ''}`);
  return parts.length ? `This change will ${parts.join(', ')}.` : 'This change will not create, update or delete anything.';
}

export type PendingPreview = { state: 'loading' } | { state: 'ready'; report: RunReport } | { state: 'failed'; message: string };

interface Props {
  /** What is being changed, in words ("Days after today: 60"). */
  what: string;
  preview: PendingPreview;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}

export function ChangePreview({ what, preview, busy, onApply, onCancel }: Props) {
  const report = preview.state === 'ready' ? preview.report : undefined;
  const panel = useRef<HTMLElement>(null);
  // The control that was changed may be far above: bring the answer and its buttons into view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [preview.state]);
  return (
    <section ref={panel} className="change-preview note" aria-label="Preview of this change">
      <p><strong>{what}</strong> — not saved yet.</p>
      {preview.state === 'loading' && <p role="status">Checking what this change would do…</p>}
      {preview.state === 'failed' && <p role="alert">The change could not be previewed: {preview.message}</p>}
      {report && !report.guard && report.error && <p role="alert">The next sync would fail: {report.error.message}</p>}
      {report && report.guard && (
        <p role="alert">
          The next sync would stop for safety and ask you first: {guardHeadline(report.guard)}.
        </p>
      )}
      {report && !report.error && <p role="status">{changeSentence(report)}</p>}
      <p className="hint">Nothing has been changed to find this out.</p>
      <div className="actions">
        <Button onClick={onCancel} disabled={busy}>Cancel</Button>
        <Button tone="primary" onClick={onApply} disabled={busy || preview.state === 'loading'}>Apply</Button>
      </div>
    </section>
  );
}
