// The CLI's keys for what crosses (cli.md Settings): filters.<source>.<field>, blockTitles and
// crossLocationTitles templates — valid values saved, bad ones exit 2 with a clear message and change nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const CAL = 'https://caldav.icloud.com/123/calendars/home/';
const cli = (...args: string[]) => runCliProcess(['--data-dir', dir, ...args]);
const stored = async () => JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')).settings;

describe('icloud-sync filters and title templates', () => {
  it('sets each field of a calendar’s filter, reads it back, and keeps the schedule in its normal form', async () => {
    expect((await cli('set', `filters.${CAL}.skipTitles`, '["lunch","/^private/i"]')).code).toBe(0);
    expect((await cli('set', `filters.${CAL}.skipAllDay`, 'true')).code).toBe(0);
    const hours = await cli('set', `filters.${CAL}.workingHours`, 'Mon-Fri 9:00-17:30, sat 10:00-14:00');
    expect(hours.code).toBe(0);
    expect(hours.stdout.trim()).toBe(`filters.${CAL}.workingHours = mon-fri 09:00-17:30, sat 10:00-14:00`);
    expect((await cli('get', `filters.${CAL}.skipTitles`)).stdout.trim()).toBe('["lunch","/^private/i"]');
    expect((await cli('--json', 'get', `filters.${CAL}.skipAllDay`)).json()).toEqual({ [`filters.${CAL}.skipAllDay`]: true });
    expect((await stored()).filters).toEqual({ [CAL]: { skipTitles: ['lunch', '/^private/i'], skipAllDay: true, workingHours: 'mon-fri 09:00-17:30, sat 10:00-14:00' } });
    const all = await cli('--json', 'get');
    expect(all.json<Record<string, unknown>>().filters).toEqual((await stored()).filters);
  });

  it('a location is named by its id; a filter set back to letting everything cross is removed', async () => {
    expect((await cli('set', 'filters.loc-1.skipTitles', '["internal"]')).code).toBe(0);
    expect((await stored()).filters).toEqual({ 'loc-1': { skipTitles: ['internal'], skipAllDay: false, workingHours: '' } });
    expect((await cli('set', 'filters.loc-1.skipTitles', '[]')).code).toBe(0);
    expect((await stored()).filters).toEqual({});
  });

  it('bad filter values exit 2 with the reason, and nothing is saved', async () => {
    const cases: [string, string, RegExp][] = [
      [`filters.${CAL}.skipTitles`, '["/(unclosed/"]', /is not a valid regular expression/],
      [`filters.${CAL}.skipTitles`, '["/(a+)+$/"]', /can take very long to match/],
      [`filters.${CAL}.skipTitles`, 'lunch', /JSON list of texts/],
      [`filters.${CAL}.skipAllDay`, 'yes', /true or false/],
      [`filters.${CAL}.workingHours`, 'mon 17:00-09:00', /end must be after the start/],
      [`filters.${CAL}.colour`, 'blue', /field one of skipTitles, skipAllDay, workingHours/],
      ['filters.not a source.skipAllDay', 'true', /is not a source/],
    ];
    for (const [key, value, message] of cases) {
      const run = await cli('set', key, value);
      expect(run.code, `${key} ${value}`).toBe(2);
      expect(run.stderr, `${key} ${value}`).toMatch(message);
    }
    const json = await cli('--json', 'set', `filters.${CAL}.skipAllDay`, 'maybe');
    expect(json.json()).toEqual({ error: { kind: 'item', message: expect.stringContaining('skipAllDay is true or false') } });
    expect((await cli('--json', 'get')).json<Record<string, unknown>>().filters).toEqual({});
  });

  it('blockTitles and crossLocationTitles take event, busy or a template; an unknown placeholder exits 2', async () => {
    expect((await cli('set', 'blockTitles', '{calendar}: {title}')).code).toBe(0);
    expect((await cli('get', 'blockTitles')).stdout.trim()).toBe('{calendar}: {title}');
    expect((await cli('get', 'crossLocationTitles')).stdout.trim()).toBe('busy');
    expect((await cli('set', 'crossLocationTitles', 'event')).code).toBe(0);
    const bad = await cli('set', 'crossLocationTitles', 'Busy at {location}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown placeholder \{location\}: use \{title\} or \{calendar\}/);
    expect(await stored()).toMatchObject({ blockTitles: '{calendar}: {title}', crossLocationTitles: 'event' });
  });
});
