// The user's answers with a title template: settling a conflict with the iCloud version sends the
// blocked slot as the event made it (already titled), never a title templated twice; restoring a
// deleted slot titles it by the template with its calendar's name.
import { describe, expect, it } from 'vitest';
import { resolveOperation, restoreOperation } from '../../../src/main/sync/user-decisions';
import { initialState, type State } from '../../../src/main/store/state-schema';
import type { PairRecord } from '../../../src/main/sync/pair';

const CAL = 'https://dav/work/';

function stateWith(pair: PairRecord): State {
  const state = initialState();
  state.settings.blockTitles = '{calendar}: {title}';
  state.links.names[CAL] = 'Work';
  state.pairs[pair.key] = pair;
  return state;
}

const pair: PairRecord = {
  key: `${CAL}d.ics`, owner: 'icloud', status: 'conflict', title: 'Dentist', start: '2031-03-03T10:00:00.000Z', end: '2031-03-03T11:00:00.000Z', allDay: false,
  platformId: 'blk1', platformKind: 'block', icloud: { href: `${CAL}d.ics`, etag: '"e2"', uid: 'd', calendarUrl: CAL, source: 'linked' },
  hashes: { icloud: 'a', platform: 'b' }, updatedAt: '2031-03-01T00:00:00.000Z',
  conflict: {
    detectedAt: '2031-03-02T00:00:00.000Z', changed: ['start'],
    icloud: { title: 'Work: Dentist', start: '2031-03-03T12:00:00.000Z', end: '2031-03-03T13:00:00.000Z', allDay: false },
    platform: { title: 'Work: Dentist', start: '2031-03-03T14:00:00.000Z', end: '2031-03-03T15:00:00.000Z', allDay: false },
  },
};

describe('user decisions with a title template', () => {
  it('keep iCloud sends the held blocked-slot version as it is', () => {
    const op = resolveOperation(stateWith(pair), pair.key, 'icloud');
    expect(op).toMatchObject({ type: 'platform.updateBlock', content: { title: 'Work: Dentist', start: '2031-03-03T12:00:00.000Z' } });
  });

  it('restore titles the recreated slot by the template and the calendar name', () => {
    const detached: PairRecord = { ...pair, status: 'detached', conflict: undefined, detached: { kind: 'platform-mirror-deleted', detectedAt: '2031-03-02T00:00:00.000Z' } };
    const op = restoreOperation(stateWith(detached), detached.key);
    expect(op).toMatchObject({ type: 'platform.createBlock', content: { title: 'Work: Dentist' } });
  });
});
