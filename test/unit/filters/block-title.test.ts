// Title templates: blockTitles for blocked slots, crossLocationTitles for cross-location blocks.
import { describe, expect, it } from 'vitest';
import { blockTitle, crossLocationBlockTitle } from '../../../src/main/sync/block-title';
import { defaultSettings, parseSettingText } from '../../../src/shared/settings';

describe('title templates', () => {
  it('event keeps the title, busy says Busy, a template fills {title} and {calendar}', () => {
    expect(blockTitle('Dentist', { blockTitles: 'event' }, 'Family')).toBe('Dentist');
    expect(blockTitle('Dentist', { blockTitles: 'busy' }, 'Family')).toBe('Busy');
    expect(blockTitle('Dentist', { blockTitles: '{calendar}: {title}' }, 'Family')).toBe('Family: Dentist');
    expect(blockTitle('Dentist', { blockTitles: 'Away ({title}, {title})' })).toBe('Away (Dentist, Dentist)');
    expect(blockTitle('Dentist', { blockTitles: 'Blocked' })).toBe('Blocked');
  });

  it('an empty result reads Busy; a long one is cut to the platform’s 255 characters', () => {
    expect(blockTitle('  ', { blockTitles: 'event' })).toBe('Busy');
    expect(blockTitle('', { blockTitles: '{title}' }, '')).toBe('Busy');
    const cut = blockTitle('x'.repeat(300), { blockTitles: 'Busy: {title}' });
    expect(cut).toHaveLength(255);
    expect(cut.startsWith('Busy: xxx')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('cross-location blocks are titled Busy by default, or by crossLocationTitles', () => {
    expect(defaultSettings.crossLocationTitles).toBe('busy');
    expect(crossLocationBlockTitle({ title: 'Consult with Ann' }, defaultSettings)).toBe('Busy');
    expect(crossLocationBlockTitle({ title: 'Consult with Ann' }, { crossLocationTitles: 'event' })).toBe('Consult with Ann');
    expect(crossLocationBlockTitle({ title: 'Consult' }, { crossLocationTitles: 'Booked in {calendar}' }, 'Downtown')).toBe('Booked in Downtown');
  });

  it('the settings accept event, busy and templates, and refuse an unknown placeholder or an empty text', () => {
    expect(parseSettingText('blockTitles', '{calendar}: {title}')).toEqual({ ok: true, value: '{calendar}: {title}' });
    expect(parseSettingText('crossLocationTitles', 'event')).toEqual({ ok: true, value: 'event' });
    const unknown = parseSettingText('blockTitles', 'Busy {name}');
    expect(unknown).toEqual({ ok: false, message: expect.stringContaining('unknown placeholder {name}: use {title} or {calendar}') });
    expect(parseSettingText('crossLocationTitles', '').ok).toBe(false);
    expect(parseSettingText('blockTitles', 'x'.repeat(201))).toEqual({ ok: false, message: expect.stringContaining('at most 200') });
  });

  // Hostile (hostile11), held: a template is at most 200 characters, and what it makes is cut to the
  // platform's 255 without splitting a character; `$&` in a title is text, not a replacement pattern.
  it('{title} a thousand times is refused; the most a template can repeat it is cut to 255 whole characters', () => {
    expect(parseSettingText('blockTitles', '{title}'.repeat(1000))).toEqual({ ok: false, message: expect.stringContaining('at most 200') });
    const title = blockTitle('😀'.repeat(255), { blockTitles: '{title}'.repeat(28) });
    expect(title.length).toBeLessThanOrEqual(255);
    expect(title).toMatch(/^(😀)+…?$/u);
    expect(blockTitle('$& $1 $$', { blockTitles: '[{title}]' })).toBe('[$& $1 $$]');
    expect(crossLocationBlockTitle({ title: '{calendar}' }, { crossLocationTitles: '{title} @ {calendar}' }, '{title}')).toBe('{calendar} @ {title}');
  });
});
