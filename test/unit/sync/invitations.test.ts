// S18, every answer × every value of invitationsBlock, read from real iCalendar text through the
// codec (ATTENDEE;PARTSTAT, ORGANIZER, EMAIL parameters) and judged by the planner's rule.
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { invitationsBlockValues, type InvitationsBlock } from '../../../src/shared/settings';
import { blockingProblem } from '../../../src/main/sync/rules';

const codec = new IcsCodec();
const ME = ['alice@example.com', '/alice@example.com/'];

function event(lines: string[]): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:meeting', 'DTSTAMP:20300101T000000Z',
    'DTSTART:20300110T150000Z', 'DTEND:20300110T160000Z', 'SUMMARY:Planning', ...lines, 'END:VEVENT', 'END:VCALENDAR',
  ].join('\r\n');
}

function occurrence(lines: string[]) {
  const parsed = codec.parse(event(lines), { floatingZone: 'UTC' });
  if (!parsed.ok) throw new Error(parsed.error);
  return codec.expand(parsed.object, { start: new Date('2030-01-01T00:00:00Z'), end: new Date('2030-02-01T00:00:00Z') })[0];
}

const invitation = (partstat?: string) => [
  'ORGANIZER;CN=Bob:mailto:bob@example.com',
  'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com',
  `ATTENDEE;CN=Alice${partstat ? `;PARTSTAT=${partstat}` : ''};RSVP=TRUE:mailto:Alice@Example.com`,
];

const judge = (lines: string[], invitationsBlock: InvitationsBlock, own: string[] = ME) =>
  blockingProblem(occurrence(lines), { freeEventsBlock: false, invitationsBlock }, own);

// Expected: true = it blocks time.
const table: Record<string, Record<InvitationsBlock, boolean>> = {
  ACCEPTED: { accepted: true, tentative: true, unanswered: true },
  TENTATIVE: { accepted: false, tentative: true, unanswered: true },
  'NEEDS-ACTION': { accepted: false, tentative: false, unanswered: true },
  DECLINED: { accepted: false, tentative: false, unanswered: false },
};

describe('S18: invitations block time by the user\'s own answer', () => {
  for (const [partstat, row] of Object.entries(table)) {
    for (const setting of invitationsBlockValues) {
      it(`${partstat} with invitationsBlock = ${setting} ${row[setting] ? 'blocks' : 'makes no blocked slot, with the reason'}`, () => {
        const problem = judge(invitation(partstat), setting);
        if (row[setting]) expect(problem).toBeUndefined();
        else expect(problem).toMatch(/invitation you (declined|answered "maybe"|have not answered)/);
      });
    }
  }

  it('no PARTSTAT reads as NEEDS-ACTION (RFC 5545 §3.2.12), and an unknown one too', () => {
    expect(judge(invitation(), 'unanswered')).toBeUndefined();
    expect(judge(invitation(), 'tentative')).toContain('have not answered');
    expect(judge(invitation('X-PONDERING'), 'tentative')).toContain('have not answered');
  });

  it('a declined invitation never blocks, whatever else the settings say', () => {
    expect(blockingProblem(occurrence(invitation('DECLINED')), { freeEventsBlock: true, invitationsBlock: 'unanswered' }, ME)).toBe('invitation you declined');
    expect(judge(invitation('DELEGATED'), 'unanswered')).toContain('delegated');
  });

  it("an event the user organises, one without an ATTENDEE for them, and one without attendees are theirs: they block", () => {
    const organised = ['ORGANIZER:mailto:alice@example.com', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.com', 'ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.com'];
    const notMe = ['ORGANIZER:mailto:bob@example.com', 'ATTENDEE;PARTSTAT=DECLINED:mailto:carol@example.com'];
    for (const setting of invitationsBlockValues) {
      expect(judge(organised, setting)).toBeUndefined();
      expect(judge(notMe, setting)).toBeUndefined();
      expect(judge([], setting)).toBeUndefined();
    }
  });

  it('finds the user by any of their addresses: another address of the set, the principal path, or the EMAIL parameter', () => {
    const own = ['alice@example.com', 'alice@icloud.com', '/123456789/principal/'];
    expect(judge(['ORGANIZER:mailto:bob@example.com', 'ATTENDEE;PARTSTAT=DECLINED:mailto:ALICE@icloud.com'], 'unanswered', own)).toBe('invitation you declined');
    expect(judge(['ORGANIZER:mailto:bob@example.com', 'ATTENDEE;PARTSTAT=DECLINED:/123456789/principal/'], 'unanswered', own)).toBe('invitation you declined');
    expect(judge(['ORGANIZER:mailto:bob@example.com', 'ATTENDEE;EMAIL=alice@icloud.com;PARTSTAT=DECLINED:urn:uuid:0000-1111'], 'unanswered', own)).toBe('invitation you declined');
  });

  it('without any address of the user nothing is judged as an invitation (it blocks)', () => {
    expect(judge(invitation('DECLINED'), 'unanswered', [])).toBeUndefined();
  });
});
