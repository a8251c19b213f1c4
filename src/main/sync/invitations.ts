// S18: an iCloud invitation blocks time according to the user's own answer. A declined one never
// does; setting invitationsBlock says whether tentative and unanswered ones do. An event the user
// organises, or one without an ATTENDEE for them, is their own and always blocks.
import type { Settings } from '../../shared/settings';
import type { Occurrence } from '../icloud/codec/types';

/** Why this invitation makes no blocked slot, or undefined when it blocks (or is not an invitation). */
export function invitationProblem(occ: Pick<Occurrence, 'participation'>, ownAddresses: readonly string[], settings: Pick<Settings, 'invitationsBlock'>): string | undefined {
  const participation = occ.participation;
  if (!participation || ownAddresses.length === 0) return undefined;
  const mine = new Set(ownAddresses);
  const isMe = (addresses: readonly string[]) => addresses.some((address) => mine.has(address));
  if (participation.organizer && isMe(participation.organizer)) return undefined;
  const me = participation.attendees.find((attendee) => isMe(attendee.addresses));
  if (!me) return undefined;
  switch (me.partstat) {
    case 'ACCEPTED':
      return undefined;
    case 'DECLINED':
      return 'invitation you declined';
    // Handed to someone else (RFC 5545 §3.2.12): the user is not going either.
    case 'DELEGATED':
      return 'invitation you delegated to someone else';
    case 'TENTATIVE':
      return settings.invitationsBlock === 'accepted' ? 'invitation you answered "maybe" (setting invitationsBlock = accepted)' : undefined;
    // NEEDS-ACTION, and any value RFC 5545 says to read as it (x-name, iana-token).
    default:
      return settings.invitationsBlock === 'unanswered' ? undefined : `invitation you have not answered (setting invitationsBlock = ${settings.invitationsBlock})`;
  }
}
