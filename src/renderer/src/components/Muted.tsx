// Words said quietly beside a title or a value (a time, a count, "Saved"): the window's many muted
// spans written once. `role="status"` where the words change and should be announced.
import type { ReactNode } from 'react';

export function Muted({ children, role }: { children: ReactNode; role?: 'status' }) {
  return (
    <span className="muted" role={role}>
      {children}
    </span>
  );
}
