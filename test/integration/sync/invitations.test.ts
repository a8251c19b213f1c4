// S18 end to end, against Radicale and the emulator: the user's own addresses are found at connect
// (Radicale answers calendar-user-address-set with the principal path; the Apple ID is added), and
// each invitation blocks time by the user's own PARTSTAT and the setting invitationsBlock, changed
// through the CLI. The run report says why an invitation made no blocked slot.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { blocksTitled, inWorld, itemsFor, skipWithoutRadicale } from './helpers';

const ME = 'mailto:alice@example.com';

function meeting(uid: string, title: string, day: number, people: string[]): string {
  return icsEvent(uid, { title, start: hoursFromNow(14, day), end: hoursFromNow(15, day), lines: people });
}

const invitedAs = (partstat: string) => ['ORGANIZER;CN=Bob:mailto:bob@example.com', 'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com', `ATTENDEE;CN=Alice;PARTSTAT=${partstat}:${ME}`];

const events: [file: string, title: string, people: string[]][] = [
  ['declined', 'Declined meeting', invitedAs('DECLINED')],
  ['accepted', 'Accepted meeting', invitedAs('ACCEPTED')],
  ['tentative', 'Maybe meeting', invitedAs('TENTATIVE')],
  ['unanswered', 'Unanswered meeting', invitedAs('NEEDS-ACTION')],
  ['organised', 'My own meeting', [`ORGANIZER;CN=Alice:${ME}`, `ATTENDEE;PARTSTAT=ACCEPTED:${ME}`, 'ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.com']],
  ['others', 'Not my attendee list', ['ORGANIZER:mailto:bob@example.com', 'ATTENDEE;PARTSTAT=DECLINED:mailto:carol@example.com']],
];

const blocking = (world: Parameters<typeof blocksTitled>[0]) =>
  events.map(([, title]) => title).filter((title) => blocksTitled(world, title).length > 0).sort();

function skipReason(report: RunReport, title: string): string | undefined {
  return itemsFor(report, title).find((item) => item.op === 'skip' || item.op === 'delete')?.reason;
}

describe.skipIf(skipWithoutRadicale)('S18: invitations', () => {
  it('connect finds the user\'s addresses; declined never blocks; each setting value decides the rest, and a change re-judges placed slots', async () => {
    await inWorld({}, async (world) => {
      const icloud = (await world.services.state.read()).accounts.icloud!;
      // Radicale supports calendar-user-address-set: it answers the principal's path.
      expect(icloud.userAddresses).toEqual(['alice@example.com', '/alice@example.com/']);

      for (const [file, title, people] of events) await world.icloud.put('work', `${file}.ics`, meeting(file, title, events.findIndex(([f]) => f === file) + 1, people));
      const first = await world.sync();
      expect(first.outcome).toBe('ok');
      // Default `unanswered`: everything but the declined one blocks.
      expect(blocking(world)).toEqual(['Accepted meeting', 'Maybe meeting', 'My own meeting', 'Not my attendee list', 'Unanswered meeting']);
      expect(skipReason(first, 'Declined meeting')).toBe('invitation you declined: no blocked slot');

      // `tentative`: the unanswered one stops blocking (its slot is released), and the report says why.
      const set = await world.cli(['set', 'invitationsBlock', 'tentative']);
      expect(set.code).toBe(0);
      const second = await world.sync();
      expect(blocking(world)).toEqual(['Accepted meeting', 'Maybe meeting', 'My own meeting', 'Not my attendee list']);
      expect(skipReason(second, 'Unanswered meeting')).toContain('invitation you have not answered (setting invitationsBlock = tentative)');

      // `accepted`: only accepted invitations, and the user's own events.
      expect((await world.cli(['set', 'invitationsBlock', 'accepted'])).code).toBe(0);
      const third = await world.sync();
      expect(blocking(world)).toEqual(['Accepted meeting', 'My own meeting', 'Not my attendee list']);
      expect(skipReason(third, 'Maybe meeting')).toContain('invitation you answered "maybe"');

      // Back to `unanswered`: the tentative and unanswered ones block again; the declined one still does not.
      expect((await world.cli(['set', 'invitationsBlock', 'unanswered'])).code).toBe(0);
      await world.sync();
      expect(blocking(world)).toEqual(['Accepted meeting', 'Maybe meeting', 'My own meeting', 'Not my attendee list', 'Unanswered meeting']);

      // Declining an accepted invitation in iCloud releases its slot.
      await world.icloud.put('work', 'accepted.ics', meeting('accepted', 'Accepted meeting', 2, invitedAs('DECLINED')));
      const declined = await world.sync();
      expect(blocksTitled(world, 'Accepted meeting')).toEqual([]);
      expect(skipReason(declined, 'Accepted meeting')).toContain('invitation you declined');
    });
  });

  it('`set invitationsBlock` refuses anything else, saying what it accepts', async () => {
    await inWorld({}, async (world) => {
      const bad = await world.cli(['set', 'invitationsBlock', 'declined']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/invitationsBlock.*accepted.*tentative.*unanswered/s);
      expect((await world.cli(['--json', 'get', 'invitationsBlock'])).stdout).toContain('unanswered');
    });
  });
});
