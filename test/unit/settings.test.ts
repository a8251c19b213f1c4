import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettingText, settingsSchema } from '../../src/shared/settings';

describe('settings', () => {
  it('defaults match cli.md and pass the schema', () => {
    expect(settingsSchema.parse(defaultSettings)).toEqual(defaultSettings);
    expect(defaultSettings).toMatchObject({
      interval: 5, pastDays: 7, futureDays: 90, conflictPolicy: 'ask',
      icloudDeletions: 'release', blockTitles: 'event', freeEventsBlock: false, invitationsBlock: 'unanswered',
    });
  });

  it('parses text values into typed ones', () => {
    expect(parseSettingText('interval', '15')).toEqual({ ok: true, value: 15 });
    expect(parseSettingText('freeEventsBlock', 'true')).toEqual({ ok: true, value: true });
    expect(parseSettingText('conflictPolicy', 'newest')).toEqual({ ok: true, value: 'newest' });
  });

  it('rejects a bad value naming the key and what it accepts', () => {
    const result = parseSettingText('interval', 'banana');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('interval');
      expect(result.message).toContain('1 to 1440');
    }
    expect(parseSettingText('interval', '0').ok).toBe(false);
    expect(parseSettingText('interval', '2.5').ok).toBe(false);
    expect(parseSettingText('conflictPolicy', 'coin').ok).toBe(false);
  });

  it('rejects an unknown key and lists the known ones', () => {
    const result = parseSettingText('colour', 'blue');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('interval, pastDays') });
  });

  it('invitationsBlock (S18): accepted, tentative or unanswered; anything else is refused with what it accepts', () => {
    for (const value of ['accepted', 'tentative', 'unanswered']) expect(parseSettingText('invitationsBlock', value)).toEqual({ ok: true, value });
    const result = parseSettingText('invitationsBlock', 'declined');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/invitationsBlock.*accepted.*tentative.*unanswered/);
  });

  it('a state file written before invitationsBlock existed reads it as its default', async () => {
    const { stateSchema, initialState } = await import('../../src/main/store/state-schema');
    const old = initialState() as unknown as { settings: Record<string, unknown> };
    delete old.settings.invitationsBlock;
    expect(stateSchema.parse(old).settings.invitationsBlock).toBe('unanswered');
  });
});
