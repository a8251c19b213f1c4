// Bring a message into view when it appears: at the default window height (520 px) an error under a
// long form would otherwise land below the fold, and the person sees nothing happen.
import { useEffect, useRef } from 'react';

export function useReveal<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  return ref;
}
