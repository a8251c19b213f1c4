// Values the sync keeps (etags, hrefs, UIDs, titles) must not keep alive the large texts they were
// read from: a multiget answer (~300 KB for 250 events) or an event's ICS. Measured as the heap that
// stays after a full GC when only the small values are held (issue 16).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { parseMultistatus } from '../../../src/main/icloud/multistatus';
import { owned } from '../../../src/main/icloud/owned-string';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap still used after `keep` made `count` values and they are all held: MB. */
function retainedMb<T>(count: number, make: (i: number) => T): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: T[] = [];
  for (let i = 0; i < count; i++) held.push(make(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(held).toHaveLength(count);
  return (after - before) / 1_048_576;
}

const PAD = 'x'.repeat(1_000_000); // 1 MB of answer around each value

describe('owned strings', () => {
  it('owned() gives an equal string', () => {
    expect(owned('short')).toBe('short');
    expect(owned(`"${PAD.slice(0, 40)}"`)).toBe(`"${PAD.slice(0, 40)}"`);
  });

  it('an etag and href read from a large multiget answer do not keep the answer alive', () => {
    const mb = retainedMb(30, (i) => {
      const xml = `<multistatus xmlns="DAV:"><response><href>/cal/${i}-event-with-a-long-name.ics</href><propstat><prop><getetag>"etag-${i}-0123456789abcdef"</getetag>` +
        `<responsedescription-not-kept/></prop></propstat></response><responsedescription>${PAD}${i}</responsedescription></multistatus>`;
      const response = parseMultistatus(xml)!.responses[0];
      return [response.href, response.props.getetag];
    });
    expect(mb).toBeLessThan(5); // 30 answers of 1 MB each if the values were views of them
  });

  it('a UID and title read from a large ICS do not keep the ICS alive', () => {
    const codec = new IcsCodec();
    const mb = retainedMb(30, (i) => {
      const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', `UID:uid-${i}-7A2B-4C8E-9B1F-2D2A6C9F0A11`, 'DTSTART:20300101T100000Z', 'DTEND:20300101T110000Z',
        `SUMMARY:A meeting title of some length ${i}`, `X-APPLE-STRUCTURED-LOCATION:geo:${i}-somewhere-long-enough`, `COMMENT:${PAD}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
      const parsed = codec.parse(ics, { floatingZone: 'UTC' });
      if (!parsed.ok) throw new Error(parsed.error);
      const event = parsed.object.events[0];
      return [event.uid, event.title, event.xProps];
    });
    expect(mb).toBeLessThan(5);
  });
});
