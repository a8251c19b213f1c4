// One control per kind of setting, each with its label, its rule in words and its problem.
import { useEffect, useId, useState } from 'react';
import { FieldNotes } from '../../components/FieldNotes';
import { SettingRow } from './SettingRow';
import { fitsIntRule, numberSettingDescriptions, numberSettingRules } from '../../../../shared/setting-rules';

export type NumberKey = keyof typeof numberSettingDescriptions;

/** "Enter a whole number from 1 to 1440." from the shared description of the key. */
export function numberProblem(key: NumberKey, text: string): string | undefined {
  const trimmed = text.trim();
  const value = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (fitsIntRule(numberSettingRules[key], value)) return undefined;
  const rule = numberSettingDescriptions[key].replace(/ \(default [^)]*\)$/, '');
  return `Enter ${rule}.`;
}

export function NumberSetting({ name, label, unit, value, problem, onSave }: { name: NumberKey; label: string; unit: string; value: number; problem?: string; onSave: (value: number) => void }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [local, setLocal] = useState<string>();
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const found = numberProblem(name, text);
    setLocal(found);
    if (!found && Number(text) !== value) onSave(Number(text));
  };
  const shown = local ?? problem;
  return (
    <SettingRow id={id} label={label} problem={shown}>
      <input
        id={id}
        className="number"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-problem` : undefined}
      />{' '}
      {unit}
    </SettingRow>
  );
}

export function ChoiceSetting<V extends string>({ label, value, options, hint, onSave }: { label: string; value: V; options: { value: V; label: string }[]; hint?: string; onSave: (value: V) => void }) {
  const id = useId();
  return (
    <SettingRow id={id} label={label} hint={hint}>
      <select id={id} value={value} onChange={(e) => onSave(e.target.value as V)} aria-describedby={hint ? `${id}-hint` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </SettingRow>
  );
}

export function ToggleSetting({ label, value, hint, onSave }: { label: string; value: boolean; hint?: string; onSave: (value: boolean) => void }) {
  const id = useId();
  return (
    <div className="setting toggle">
      <input id={id} type="checkbox" role="switch" checked={value} onChange={(e) => onSave(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} />
    </div>
  );
}
