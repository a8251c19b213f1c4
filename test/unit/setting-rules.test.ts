// The window checks settings with setting-rules.ts (no zod, to keep its bundle small); the store,
// the IPC contract and the CLI with the zod schema built from the same rules. They must agree on
// every value, or the window would accept what the app then refuses (or the other way round).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingKeys, settingsSchema, validateSetting } from '../../src/shared/settings';
import { fitsIntRule, numberSettingRules } from '../../src/shared/setting-rules';

const edgeValues: unknown[] = [0, 1, -1, 90, 91, 365, 366, 1440, 1441, 1.5, Number.NaN, Infinity, 2 ** 53, '5', '', 'ask', 'newest', 'release', 'keep', 'event', 'busy', 'nope', true, false, null, undefined, {}, []];

describe('setting rules (window) and settings schema (app) agree', () => {
  for (const key of settingKeys) {
    it(`${key}: the same verdict on edge values and on arbitrary ones`, () => {
      for (const value of edgeValues) {
        expect(validateSetting(key, value).ok, `${key} = ${String(value)}`).toBe(settingsSchema.shape[key].safeParse(value).success);
      }
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double(), fc.string(), fc.boolean()), (value) => {
          expect(validateSetting(key, value).ok).toBe(settingsSchema.shape[key].safeParse(value).success);
        }),
      );
    });
  }
});

// The window checks the number settings with numberSettingRules + fitsIntRule only (so the filters
// check stays out of its bundle): they must give the app's verdict for those keys.
describe('the number settings as the window checks them', () => {
  for (const key of Object.keys(numberSettingRules) as (keyof typeof numberSettingRules)[]) {
    it(`${key}: fitsIntRule(numberSettingRules) agrees with the schema`, () => {
      for (const value of edgeValues) {
        expect(fitsIntRule(numberSettingRules[key], value), `${key} = ${String(value)}`).toBe(settingsSchema.shape[key].safeParse(value).success);
      }
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double(), fc.string()), (value) => {
          expect(fitsIntRule(numberSettingRules[key], value)).toBe(settingsSchema.shape[key].safeParse(value).success);
        }),
      );
    });
  }
});
