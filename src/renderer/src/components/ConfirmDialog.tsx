// The one confirmation for destructive actions (a customer's booking cancelled, an account
// disconnected, events deleted through a safety guard): a modal sheet in the window, as a Mac app
// would show, naming what happens. Focus starts on the safe button (Return never destroys by
// accident), Tab stays inside, Escape or the safe button closes it, and focus returns where it was.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from './Button';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The destructive button's word ("Cancel Appointment", "Disconnect", "Delete 12 Events"). */
  confirmLabel: string;
  /** The safe button's word ("Keep Appointment", "Cancel"). */
  cancelLabel?: string;
  busy?: boolean;
  busyLabel?: string;
  /** The destructive button waits (what it would reach is still being read); the safe one never does. */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', busy, busyLabel, confirmDisabled, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const safe = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    safe.current?.focus();
    return () => before?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('button:not(:disabled), [href], input, select, [tabindex="0"]') ?? [])];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId} className="modal-body">
          {children}
        </div>
        <div className="modal-actions">
          <Button ref={safe} onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button tone="destructive-filled" onClick={onConfirm} disabled={busy || confirmDisabled}>
            {busy ? (busyLabel ?? `${confirmLabel}…`) : confirmLabel}
          </Button>
        </div>
      </div>
    </div>
  );
}
