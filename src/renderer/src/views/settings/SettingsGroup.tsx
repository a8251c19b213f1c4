// One group of Settings: a section named by its heading (the id ties them for screen readers).
import type { ReactNode } from 'react';

export function SettingsGroup({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings-group" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
