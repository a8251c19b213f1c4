import { describe, expect, it } from 'vitest';
import { recentNotices } from '../../../src/main/sync/recent-notices';

const now = new Date('2031-03-05T12:00:00Z');
const notice = (pair: string, title: string, reason = 'capped') => ({ op: 'notice', side: 'icloud', pair, title, reason });
const runAt = (hoursAgo: number, items: ReturnType<typeof notice>[]) => ({ finishedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(), items });

describe('recentNotices (Status)', () => {
  it('lists the notices of the last day once each, newest run first, and nothing older', () => {
    const runs = [
      runAt(1, [notice('a', 'Every second')]),
      runAt(5, [notice('a', 'Every second'), notice('b', 'Long title', 'cut')]),
      runAt(30, [notice('c', 'Old one')]),
    ];
    expect(recentNotices(runs, now)).toEqual([
      { title: 'Every second', reason: 'capped' },
      { title: 'Long title', reason: 'cut' },
    ]);
  });

  it('ignores items that are not notices and shows at most ten', () => {
    const many = Array.from({ length: 15 }, (_, i) => notice(`p${i}`, `Event ${i}`));
    const runs = [runAt(0, [{ op: 'skip', side: 'icloud', pair: 'x', title: 'Skipped', reason: 'free' }, ...many])];
    const shown = recentNotices(runs, now);
    expect(shown).toHaveLength(10);
    expect(shown.map((n) => n.title)).not.toContain('Skipped');
  });
});
