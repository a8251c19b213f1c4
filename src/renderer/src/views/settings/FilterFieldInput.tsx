// One text filter field of a source (title filters, working hours): edited freely, saved on blur
// or ⌘/Ctrl-Enter, and a bad value stays in its box with the problem under it in words. Working
// hours are checked here (and kept in their normal form); title filters by the main process, which
// says which one it refuses (`refused`): the window does not ship the title-pattern checker (its
// bundle, issue 14).
import { useEffect, useId, useRef, useState } from 'react';
import { checkWorkingHours } from '../../../../shared/filter-rules';
import { SettingRow } from './SettingRow';

interface Props {
  label: string;
  hint: string;
  field: 'skipTitles' | 'workingHours';
  /** The saved value as text (title filters one a line). */
  value: string;
  /** Saves the value (title filters: one a line, trimmed, empty lines dropped). */
  onSave: (value: string[] | string) => void;
  /** What the app said of the last value sent, when it refused it: that value stays in the box. */
  refused?: string;
}

export function FilterFieldInput({ label, hint, field, value, onSave, refused }: Props) {
  const id = useId();
  const [text, setText] = useState(value);
  const [local, setLocal] = useState<string>();
  // The app's refusal of this box's text, kept with that text until the box is edited or saved:
  // saving another source's filter clears the app's last refusal, not this box's problem.
  const [kept, setKept] = useState<string>();
  const refusedNow = useRef(refused);
  refusedNow.current = refused;
  useEffect(() => {
    if (refused !== undefined) setKept(refused);
  }, [refused]);
  // A new saved value (this box saved) replaces the text; the revert after a refusal does not.
  useEffect(() => {
    if (refusedNow.current !== undefined) return;
    setText(value);
    setKept(undefined);
  }, [value]);
  const edit = (next: string) => {
    setKept(undefined);
    setText(next);
  };
  const commit = () => {
    if (text === value) return setLocal(undefined);
    const checked = field === 'skipTitles' ? { ok: true as const, value: text.split('\n').map((line) => line.trim()).filter(Boolean) } : checkWorkingHours(text);
    setLocal(checked.ok ? undefined : `${checked.message[0].toUpperCase()}${checked.message.slice(1)}.`);
    if (checked.ok) onSave(checked.value);
  };
  const shown = local ?? kept;
  const describedBy = `${id}-hint${shown ? ` ${id}-problem` : ''}`;
  const common = {
    id,
    value: text,
    onBlur: commit,
    'aria-invalid': shown ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  return (
    <SettingRow id={id} label={label} hint={hint} problem={shown}>
      {field === 'skipTitles' ? (
        <textarea {...common} rows={2} onChange={(e) => edit(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.metaKey || e.ctrlKey) && commit()} />
      ) : (
        <input {...common} type="text" onChange={(e) => edit(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} placeholder="Every hour" />
      )}
    </SettingRow>
  );
}
