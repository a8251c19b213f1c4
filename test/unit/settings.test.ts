import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettingText, settingsSchema } from '../../src/shared/settings';

describe('settings', () => {
  it('defaults match cli.md and pass the schema', () => {
    expect(settingsSchema.parse(defaultSettings)).toEqual(defaultSettings);
    expect(defaultSettings).toMatchObject({
      interval: 5, pastDays: 7, futureDays: 90, conflictPolicy: 'ask',
      icloudDeletions: 'release', blockTitles: 'event', freeEventsBlock: false,
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
});
