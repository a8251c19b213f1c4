// The user's own calendar addresses (S18): who "me" is among an invitation's ATTENDEEs. Read once at
// connect from the principal's `calendar-user-address-set` (RFC 6638), plus the Apple ID — iCloud
// lists the addresses of the Apple ID (icloud.com, me.com, other verified emails), its principal path
// and a urn:uuid; an invitation names one of them. Never fails a connect: when the server will not
// say, the Apple ID alone is used.
import { normaliseAddress } from './codec/participants';
import { DavSession, NS, textOf } from './dav';

export { normaliseAddress };

const addressBody = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind ${NS}>
  <d:prop>
    <c:calendar-user-address-set/>
  </d:prop>
</d:propfind>`;


/** The hrefs of a calendar-user-address-set as tsdav parsed them (one value or a list). */
export function addressesFromProps(props: Record<string, unknown> | undefined): string[] {
  const set = props?.calendarUserAddressSet as Record<string, unknown> | undefined;
  const hrefs = set?.href;
  const list = Array.isArray(hrefs) ? hrefs : hrefs === undefined ? [] : [hrefs];
  return list.map(textOf).filter((href): href is string => Boolean(href && href.trim()));
}

/** The user's addresses, normalised and without duplicates; the Apple ID first. */
export async function findUserAddresses(session: DavSession, principalUrl: string, appleId: string): Promise<string[]> {
  const found: string[] = [];
  try {
    const reply = await session.xml(principalUrl, 'PROPFIND', addressBody, { Depth: '0' });
    if (reply.status === 207) for (const response of reply.responses) if (response.ok) found.push(...addressesFromProps(response.props));
  } catch {
    // The addresses only refine who "me" is; the Apple ID below is enough to go on.
  }
  return [...new Set([appleId, ...found].map(normaliseAddress))];
}
