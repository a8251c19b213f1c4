// One action at a time, with a busy flag and its failure in words: the try/catch/finally the forms
// and views each used to write out (and ship) again.
import { useState } from 'react';
import { plainError } from '../lib/messages';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  /** Runs `work` with busy set and the last failure cleared; a thrown error becomes `failure`. */
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(plainError(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, setFailure, run };
}
