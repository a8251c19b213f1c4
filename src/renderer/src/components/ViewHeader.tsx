// A view's heading row: its one h1, then whatever the view shows beside it (a badge, a count).
import type { ReactNode } from 'react';

export function ViewHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="view-header">
      <h1>{title}</h1>
      {children}
    </header>
  );
}
