// An error or notice in words, with an optional way out ("Try again").
import type { ReactNode } from 'react';
import type { Load } from '../hooks/useLoad';
import { Button } from './Button';

export function ErrorNote({ message, onRetry, children }: { message: string; onRetry?: () => void; children?: ReactNode }) {
  return (
    <div className="note note-error" role="alert">
      <p>{message}</p>
      {children}
      {onRetry && (
        <Button onClick={onRetry}>
          Try Again
        </Button>
      )}
    </div>
  );
}

/** Something went through, said in words (a polite live region). */
export function DoneNote({ children }: { children: ReactNode }) {
  return (
    <p className="note note-ok" role="status">
      {children}
    </p>
  );
}

/** "Loading settings…", or with `doing`, "Checking your setup…". */
export function Loading({ what, doing = 'Loading' }: { what: string; doing?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {doing} {what}…
    </p>
  );
}

/** A load's own notes: "Loading …" until it first has data, and its failure with Try Again. */
export function LoadNotes({ load, what }: { load: Load<unknown> & { reload: () => void }; what: string }) {
  if (load.state === 'loading') return load.data ? null : <Loading what={what} />;
  return load.state === 'error' ? <ErrorNote message={load.error} onRetry={load.reload} /> : null;
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
    </div>
  );
}
