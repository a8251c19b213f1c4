// The window's button: type="button" and the "button" class unless told otherwise, so the ~30
// buttons do not each spell (and ship) the same two attributes. `tone` adds its look (UI.md).
import type { ComponentProps } from 'react';

export function Button({ tone, ...button }: ComponentProps<'button'> & { tone?: 'primary' | 'destructive' | 'destructive-filled' }) {
  return <button type="button" className={tone ? `button ${tone}` : 'button'} {...button} />;
}
