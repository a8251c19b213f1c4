// The executor's writes of our own iCloud copies of appointments (execute.ts applies the operations;
// these are the three things it does to a copy): write it at its deterministic href, build its ICS,
// delete it with what was known of it.
import { IcloudConflictError } from '../icloud';
import type { State } from '../store/state-schema';
import type { Content } from './content';
import type { ExecuteDeps } from './execute';
import { mirrorUid, mirrorUuid } from './mirror-ids';
import type { PlanContext } from './plan-input';

type MirrorDeps = Pick<ExecuteDeps, 'icloud' | 'codec' | 'now'>;

/**
 * Our copy of an appointment in `calendarUrl`, at its deterministic href. Already there (a create that
 * completed before a crash, a move interrupted, a copy whose pair was forgotten): the file is our own
 * mirror, so this content is written over it rather than recording content it does not hold.
 */
export async function writeMirror(deps: MirrorDeps, context: PlanContext, calendarUrl: string, platformId: string, content: Content): Promise<{ href: string; etag?: string }> {
  const ics = mirrorIcs(deps, context, platformId, content);
  try {
    return await deps.icloud.createEvent(calendarUrl, mirrorUuid(platformId), ics);
  } catch (error) {
    if (!(error instanceof IcloudConflictError) || !error.current) throw error;
    return deps.icloud.updateEvent(error.current.href, ics, error.current.etag);
  }
}

export function mirrorIcs(deps: MirrorDeps, context: PlanContext, platformId: string, content: Content): string {
  return deps.codec.mirror({
    uid: mirrorUid(platformId), platformId, title: content.title, notes: content.notes, location: content.location,
    start: { iso: content.start }, end: { iso: content.end }, tzid: context.zone, now: deps.now(),
  });
}

/** Our copy at `href`, whatever its etag (a 404: gone already), and what was known of it. */
export async function deleteCopy(deps: MirrorDeps, state: State, href: string): Promise<void> {
  await deps.icloud.deleteEvent(href, '*');
  delete state.objects[href];
}
