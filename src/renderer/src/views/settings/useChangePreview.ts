// A proposed change and its preview (ChangePreview.tsx): propose() starts the dry run, apply() saves
// the change, cancel() drops it. Only the latest proposal's preview is shown: a slow answer to an
// earlier one is ignored.
import { useCallback, useRef, useState } from 'react';
import type { RunReport } from '../../../../shared/run-report';
import { plainError } from '../../lib/messages';
import type { PendingPreview } from './ChangePreview';

export function useChangePreview<T>(preview: (change: T) => Promise<RunReport>, save: (change: T) => Promise<unknown>) {
  const [pending, setPending] = useState<{ change: T; preview: PendingPreview }>();
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  const propose = useCallback((change: T) => {
    const ticket = ++latest.current;
    setPending({ change, preview: { state: 'loading' } });
    const answer = (shown: PendingPreview) => {
      if (latest.current === ticket) setPending({ change, preview: shown });
    };
    preview(change).then(
      (report) => answer({ state: 'ready', report }),
      (error: unknown) => answer({ state: 'failed', message: plainError(error) }),
    );
  }, [preview]);

  const cancel = useCallback(() => {
    latest.current += 1;
    setPending(undefined);
  }, []);

  const apply = useCallback(async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await save(pending.change);
    } finally {
      latest.current += 1;
      setPending(undefined);
      setBusy(false);
    }
  }, [pending, save]);

  return { pending, busy, propose, apply, cancel };
}
