// One text filter field of a source (title filters, working hours): edited freely, checked with the
// shared rules when it is saved (blur, or ⌘/Ctrl-Enter), and a bad value stays in its box with
// the problem under it in words.
import { useEffect, useId, useState } from 'react';
import { checkTitleFilters, checkWorkingHours } from '../../../../shared/filter-rules';
import { SettingRow } from './SettingRow';

interface Props {
  label: string;
  hint: string;
  field: 'skipTitles' | 'workingHours';
  /** The saved value as text (title filters one a line). */
  value: string;
  /** Saves the checked value. */
  onSave: (value: string[] | string) => void;
}

export function FilterFieldInput({ label, hint, field, value, onSave }: Props) {
  const id = useId();
  const [text, setText] = useState(value);
  const [local, setLocal] = useState<string>();
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text === value) return setLocal(undefined);
    const checked = field === 'skipTitles' ? checkTitleFilters(text.split('\n').map((line) => line.trim()).filter(Boolean)) : checkWorkingHours(text);
    setLocal(checked.ok ? undefined : `${checked.message[0].toUpperCase()}${checked.message.slice(1)}.`);
    if (checked.ok) onSave(checked.value);
  };
  const shown = local;
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
        <textarea {...common} rows={2} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.metaKey || e.ctrlKey) && commit()} />
      ) : (
        <input {...common} type="text" onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} placeholder="Every hour" />
      )}
    </SettingRow>
  );
}
