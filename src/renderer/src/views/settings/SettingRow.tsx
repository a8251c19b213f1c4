// One setting's row: its label, its control, then its hint and problem (FieldNotes). `kind` adds a
// class for rows laid out differently (UI.md "Settings").
import type { ReactNode } from 'react';
import { FieldNotes } from '../../components/FieldNotes';

export function SettingRow({ id, label, kind, hint, problem, children }: { id: string; label: string; kind?: string; hint?: string; problem?: string; children: ReactNode }) {
  return (
    <div className={`setting${kind ? ` ${kind}` : ''}${problem ? ' has-problem' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="setting-control">{children}</span>
      <FieldNotes id={id} hint={hint} problem={problem} />
    </div>
  );
}
