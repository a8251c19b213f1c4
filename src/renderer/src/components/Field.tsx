// A labelled text field with its hint and its problem, tied together for screen readers.
import { useId, type InputHTMLAttributes } from 'react';
import { FieldNotes } from './FieldNotes';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  problem?: string;
}

export function Field({ label, value, onChange, hint, problem, ...input }: FieldProps) {
  const id = useId();
  const described = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' has-problem' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        {...input}
      />
      <FieldNotes id={id} hint={hint} problem={problem} />
    </div>
  );
}
