// One account as a card: a health dot with its word, a plain sentence, and what is linked.
import { Fragment, type ReactNode } from 'react';
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

/** What is linked, term and value (and the value's tooltip); a fact that does not apply is left out as `false`. */
type Fact = [term: string, value: ReactNode, title?: string];

function Card({ title, connected, health, message, notice, facts }: { title: string; connected: boolean; health: Health; message?: string; notice?: string; facts: (Fact | false | undefined)[] }) {
  const words = healthWords(connected, health, message);
  return (
    <section className="card connection" aria-label={`${title} connection`}>
      <header className="card-header">
        <h2>{title}</h2>
        <StateBadge tone={words.tone} word={words.word} />
      </header>
      <p className="sentence">{words.sentence}</p>
      <dl className="facts">
        {facts.map(
          (fact) =>
            fact && (
              <Fragment key={fact[0]}>
                <dt>{fact[0]}</dt>
                <dd title={fact[2]}>{fact[1]}</dd>
              </Fragment>
            ),
        )}
      </dl>
      {notice && <p className="note note-attention">{notice}</p>}
    </section>
  );
}

export function IcloudCard({ icloud }: { icloud: StatusView['icloud'] }) {
  return (
    <Card
      title="iCloud"
      connected={icloud.connected}
      health={icloud.health}
      message={icloud.message}
      facts={[
        ['Apple ID', icloud.appleId ?? '—'],
        ['Calendar', icloud.linkedCalendar?.name ?? 'None chosen'],
        ['Busy sources', names(icloud.busySources, 'None')],
      ]}
    />
  );
}

export function PlatformCard({ platform, several = false }: { platform: StatusView['platform']; several?: boolean }) {
  return (
    <Card
      title={several ? `Platform: ${locationLabel(platform) ?? platform.locationId}` : 'Platform'}
      connected={platform.connected}
      health={platform.health}
      message={platform.message}
      notice={platform.locationNotice}
      facts={[
        // The name a person knows; the id only until the location could be read.
        ['Location', locationLabel(platform) ?? '—', platform.locationName ? platform.locationId : undefined],
        platform.timezone ? ['All-day events', `Whole days in ${platform.timezone}`] : undefined,
        ['You', platform.userName ?? platform.userId ?? '—'],
        ['Calendars', names(platform.calendars, 'All of yours')],
        // Only when it is not the main calendar (issue 15): where this location's appointments go in iCloud.
        platform.icloudCalendar ? ['Appointments go to', platform.icloudCalendar.name] : undefined,
      ]}
    />
  );
}
