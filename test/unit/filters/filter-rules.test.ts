// The `filters` setting's rules (shared by the window, the CLI and the store): keys, fields, whole values.
import { describe, expect, it } from 'vitest';
import { checkFilters, parseFilterFieldText, parseFilterKey, parseSettingText, settingsSchema, validateSetting, withFilterField } from '../../../src/shared/settings';

const URL = 'https://caldav.icloud.com/1/calendars/home/';

describe('filter settings', () => {
  it('a key names a source (a calendar URL, dots and all, or a location id) and a field', () => {
    expect(parseFilterKey(`filters.${URL}.skipTitles`)).toEqual({ ok: true, value: { source: URL, field: 'skipTitles' } });
    expect(parseFilterKey('filters.loc_1.workingHours')).toEqual({ ok: true, value: { source: 'loc_1', field: 'workingHours' } });
    expect(parseFilterKey('filters.loc_1')).toMatchObject({ ok: false, message: expect.stringContaining('filters.<source>.<field>') });
    expect(parseFilterKey('filters.bad source!.skipAllDay')).toMatchObject({ ok: false, message: expect.stringContaining('is not a source') });
  });

  it('field texts: a JSON list of filters, true/false, a schedule (normalised) or none', () => {
    expect(parseFilterFieldText('skipTitles', '["lunch", "/^x/i"]')).toEqual({ ok: true, value: ['lunch', '/^x/i'] });
    expect(parseFilterFieldText('skipTitles', '[1]')).toMatchObject({ ok: false });
    expect(parseFilterFieldText('skipTitles', JSON.stringify(Array(51).fill('x')))).toMatchObject({ ok: false, message: expect.stringContaining('at most 50') });
    expect(parseFilterFieldText('skipAllDay', 'false')).toEqual({ ok: true, value: false });
    expect(parseFilterFieldText('workingHours', 'none')).toEqual({ ok: true, value: '' });
    expect(parseFilterFieldText('workingHours', 'SAT 8:00-12:00')).toEqual({ ok: true, value: 'sat 08:00-12:00' });
  });

  it('a source back to letting everything cross leaves the setting', () => {
    const one = withFilterField({}, URL, 'skipAllDay', true);
    expect(one).toEqual({ [URL]: { skipTitles: [], skipAllDay: true, workingHours: '' } });
    expect(withFilterField(one, URL, 'skipAllDay', false)).toEqual({});
  });

  it('the whole value: the window’s check and the app’s schema agree, and set filters JSON works too', () => {
    const good = { [URL]: { skipTitles: ['lunch'], skipAllDay: false, workingHours: 'mon-fri 09:00-17:00' } };
    const bads: unknown[] = [
      { [URL]: { skipTitles: ['/(a+)+/'], skipAllDay: false, workingHours: '' } },
      { [URL]: { skipTitles: [], skipAllDay: 'no', workingHours: '' } },
      { [URL]: { skipTitles: [], skipAllDay: false } },
      { [URL]: { skipTitles: [], skipAllDay: false, workingHours: '', extra: 1 } },
      { 'not a source': { skipTitles: [], skipAllDay: false, workingHours: '' } },
      { [URL]: { skipTitles: [], skipAllDay: false, workingHours: 'mon 10:00-09:00' } },
      [], 'x', null,
    ];
    expect(checkFilters(good)).toBeUndefined();
    expect(settingsSchema.shape.filters.safeParse(good).success).toBe(true);
    for (const bad of bads) {
      expect(validateSetting('filters', bad).ok, JSON.stringify(bad)).toBe(false);
      expect(settingsSchema.shape.filters.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(parseSettingText('filters', JSON.stringify(good))).toEqual({ ok: true, value: good });
    expect(parseSettingText('filters', JSON.stringify(bads[0]))).toMatchObject({ ok: false, message: expect.stringContaining('can take very long to match') });
  });
});

describe('sources named like Object.prototype keys', () => {
  it('have no filter until one is set, and one set is whole', async () => {
    const { filterOf, filterProblem } = await import('../../../src/main/sync/filters');
    const { withFilterField } = await import('../../../src/shared/filter-rules');
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(filterOf({ filters: {} }, name), name).toBeUndefined();
      // It crashed the planner: Object's own function read as a filter with no skipTitles.
      expect(filterProblem({ title: 'Gym', allDay: false }, filterOf({ filters: {} }, name), name)).toBeUndefined();
      expect(withFilterField({}, name, 'skipAllDay', true)).toEqual({ [name]: { skipTitles: [], skipAllDay: true, workingHours: '' } });
    }
  });
});
