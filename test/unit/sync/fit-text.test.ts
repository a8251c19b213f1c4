import { describe, expect, it } from 'vitest';
import { fitText, needsCut } from '../../../src/main/sync/fit-text';

describe('fitText', () => {
  it('leaves a text that fits as it is', () => {
    expect(fitText('Dentist', 255)).toBe('Dentist');
    expect(fitText('x'.repeat(255), 255)).toBe('x'.repeat(255));
    expect(needsCut('x'.repeat(255), 255)).toBe(false);
  });

  it('cuts a longer one to the limit, ending with an ellipsis', () => {
    const cut = fitText('word '.repeat(100), 255);
    expect(cut.length).toBeLessThanOrEqual(255);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('word word')).toBe(true);
    expect(needsCut('word '.repeat(100), 255)).toBe(true);
  });

  it('never splits a character made of several code units (emoji, combining accents)', () => {
    const family = '👨‍👩‍👧‍👦'; // 11 UTF-16 code units, one grapheme
    const cut = fitText(family.repeat(30), 255);
    expect(cut.length).toBeLessThanOrEqual(255);
    expect(cut.slice(0, -1)).toBe(family.repeat(23)); // 23 × 11 = 253 units, + "…" = 254
    const accented = 'e\u0301'.repeat(200); // é as e + combining acute
    expect(fitText(accented, 255).slice(0, -1)).toBe('e\u0301'.repeat(127));
  });
});
