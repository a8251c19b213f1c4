// A copy-title setting (blockTitles, crossLocationTitles): the event's title, "Busy", or a template
// with {title} and {calendar}, checked with the shared rule before it is saved.
import { useEffect, useId, useState } from 'react';
import { checkTitleTemplate } from '../../../../shared/filter-rules';
import { SettingRow } from './SettingRow';

interface Props {
  label: string;
  hint: string;
  /** What {title} is, in words, for the choice. */
  titleWord: string;
  value: string;
  problem?: string;
  onSave: (value: string) => void;
}

const CUSTOM = 'custom';

export function TitleTemplateSetting({ label, hint, titleWord, value, problem, onSave }: Props) {
  const id = useId();
  const custom = value !== 'event' && value !== 'busy';
  const [choice, setChoice] = useState(custom ? CUSTOM : value);
  const [text, setText] = useState(custom ? value : '{calendar}: {title}');
  const [local, setLocal] = useState<string>();
  useEffect(() => {
    setChoice(value === 'event' || value === 'busy' ? value : CUSTOM);
    if (value !== 'event' && value !== 'busy') setText(value);
  }, [value]);
  const saveTemplate = (template: string) => {
    const found = checkTitleTemplate(template);
    setLocal(found ? sentence(template.trim() ? found : 'write a title, e.g. {calendar}: {title}') : undefined);
    if (!found && template !== value) onSave(template);
  };
  const choose = (next: string) => {
    setChoice(next);
    setLocal(undefined);
    if (next === CUSTOM) saveTemplate(text);
    else if (next !== value) onSave(next);
  };
  const shown = local ?? problem;
  return (
    <SettingRow id={id} label={label} kind="title-template" hint={hint} problem={shown}>
      <select id={id} value={choice} onChange={(e) => choose(e.target.value)} aria-describedby={`${id}-hint`}>
        <option value="event">{titleWord}</option>
        <option value="busy">“Busy”</option>
        <option value={CUSTOM}>A template…</option>
      </select>
      {choice === CUSTOM && (
        <input
          type="text"
          aria-label={`${label} template`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => saveTemplate(text)}
          onKeyDown={(e) => e.key === 'Enter' && saveTemplate(text)}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-problem` : `${id}-hint`}
        />
      )}
    </SettingRow>
  );
}

function sentence(text: string): string {
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
