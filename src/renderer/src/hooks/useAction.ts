// One action at a time, with a busy flag and its failure in words: the try/catch/finally the forms
// and views each used to write out (and ship) again. `busy` is `true` while an action runs, or the
// key it was given (which item, which choice), so a list can show which row is working.
import { useState } from 'react';
import { plainError } from '../lib/messages';

export function useAction<Key = true>() {
  const [busy, setBusy] = useState<Key>();
  const [failure, setFailure] = useState<string>();
  /**
   * Runs `work` with busy set and the last failure cleared; a thrown error becomes `failure`,
   * worded by `failed` when given (e.g. to name the item).
   */
  const run = async (work: () => Promise<unknown>, key = true as Key, failed = (message: string) => message) => {
    setBusy(key);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(failed(plainError(error)));
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, failure, setFailure, run };
}
