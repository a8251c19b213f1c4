// A state is a colour AND a word, never colour alone (UI.md "Look").
import type { Tone } from '../lib/words';

export function StateBadge({ tone, word }: { tone: Tone; word: string }) {
  return (
    <span className={`state state-${tone}`}>
      <span className="dot" aria-hidden="true" />
      <span className="state-word">{word}</span>
    </span>
  );
}
