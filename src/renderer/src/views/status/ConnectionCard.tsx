// One account as a card: a health dot with its word, a plain sentence, and what is linked.
import type { ReactNode } from 'react';
import type { StatusView } from '../../../../shared/status';
import { locationLabel } from '../../../../shared/words';
import { StateBadge } from '../../components/StateBadge';
import type { Tone } from '../../lib/words';

type Health = StatusView['icloud']['health'];

export function healthWords(connected: boolean, health: Health, message?: string): { tone: Tone; word: string; sentence: string } {
  if (!connected) return { tone: 'paused', word: 'Not connected', sentence: 'Connect this account in Settings.' };
  if (health === 'ok') return { tone: 'ok', word: 'Working', sentence: 'Connected, and the last sync went through.' };
  if (health === 'error') return { tone: 'error', word: 'Needs you', sentence: message ?? 'The last sync did not go through.' };
  return { tone: 'idle', word: 'Waiting', sentence: message ?? 'Not synced yet.' };
}

function names(list: { name: string }[], none: string): string {
  return list.length ? list.map((c) => c.name).join(', ') : none;
}

function Card({ title, connected, health, message, notice, children }: { title: string; connected: boolean; health: Health; message?: string; notice?: string; children: ReactNode }) {
  const words = healthWords(connected, health, message);
  return (
    <section className="card connection" aria-label={`${title} connection`}>
      <header className="card-header">
        <h2>{title}</h2>
        <StateBadge tone={words.tone} word={words.word} />
      </header>
      <p className="sentence">{words.sentence}</p>
      <dl className="facts">{children}</dl>
      {notice && <p className="note note-attention">{notice}</p>}
    </section>
  );
}

export function IcloudCard({ icloud }: { icloud: StatusView['icloud'] }) {
  return (
    <Card title="iCloud" connected={icloud.connected} health={icloud.health} message={icloud.message}>
      <dt>Apple ID</dt>
      <dd>{icloud.appleId ?? '—'}</dd>
      <dt>Calendar</dt>
      <dd>{icloud.linkedCalendar?.name ?? 'None chosen'}</dd>
      <dt>Busy sources</dt>
      <dd>{names(icloud.busySources, 'None')}</dd>
    </Card>
  );
}

export function PlatformCard({ platform, several = false }: { platform: StatusView['platform']; several?: boolean }) {
  return (
    <Card title={several ? `Platform: ${locationLabel(platform) ?? platform.locationId}` : 'Platform'} connected={platform.connected} health={platform.health} message={platform.message} notice={platform.locationNotice}>
      <dt>Location</dt>
      {/* The name a person knows; the id only until the location could be read. */}
      <dd title={platform.locationName ? platform.locationId : undefined}>{locationLabel(platform) ?? '—'}</dd>
      {platform.timezone && (
        <>
          <dt>All-day events</dt>
          <dd>Whole days in {platform.timezone}</dd>
        </>
      )}
      <dt>You</dt>
      <dd>{platform.userName ?? platform.userId ?? '—'}</dd>
      <dt>Calendars</dt>
      <dd>{names(platform.calendars, 'All of yours')}</dd>
    </Card>
  );
}
