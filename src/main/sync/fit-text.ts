// Cutting a text to a length the platform accepts (shared/platform-limits.ts) without breaking a character:
// Intl.Segmenter (built into Node and Chromium) cuts between grapheme clusters, so an emoji or an
// accented letter is never split into a broken code unit. A cut text ends with "…" so it reads as cut.
const ellipsis = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - ellipsis.length) break;
    kept += segment;
  }
  return kept.trimEnd() + ellipsis;
}

/** Whether `fitText` would cut this text. */
export function needsCut(text: string, max: number): boolean {
  return text.length > max;
}
