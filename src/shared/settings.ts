// The user's settings: one set of rules (setting-rules.ts) shared by the store, the CLI (`get`/`set`)
// and the window. Every value that can be set from text is parsed here, so a bad value gets one
// clear message everywhere. This file adds the zod schema (store, IPC contract); the window imports
// setting-rules.ts directly so its bundle carries no zod.
import { z } from 'zod';
import { checkFilters, checkTitleTemplate, defaultSettings, isSettingKey, ruleProblem, settingDescriptions, settingKeys, settingRules, type ParseResult, type SettingKey, type SettingRule, type Settings, type SourceFilters } from './setting-rules';

export * from './setting-rules';

function int(rule: SettingRule & { kind: 'int' }) {
  return z.number().int().min(rule.min).max(rule.max);
}

// The same checks as the window's (filter-rules.ts), so both give one verdict on every value.
const titleTemplate = z.string().refine((value) => checkTitleTemplate(value) === undefined, { message: 'expected event, busy or a title template' });
const sourceFilter = z.strictObject({ skipTitles: z.array(z.string()), skipAllDay: z.boolean(), workingHours: z.string() });
/**
 * The shape of the `filters` setting, bounded, without the check of its values: what the window's
 * `settings.set` is checked against where it enters (ipc/contract.ts); the main process then checks
 * the values (settings-service.ts) and says in words which filter of which source it refuses, so the
 * window need not ship the title-pattern checker to say it first (its bundle: issue 14).
 */
export const filtersShape = z
  .record(z.string().max(2000), z.strictObject({ skipTitles: z.array(z.string().max(2000)).max(1000), skipAllDay: z.boolean(), workingHours: z.string().max(2000) }))
  .refine((value) => Object.keys(value).length <= 1000, { message: 'too many sources' }) as unknown as z.ZodType<SourceFilters, SourceFilters>;
const filters = z
  .record(z.string(), sourceFilter)
  .refine((value) => checkFilters(value) === undefined, { message: 'expected valid filters' }) as unknown as z.ZodType<SourceFilters, SourceFilters>;

export const settingsSchema = z.object({
  interval: int(settingRules.interval),
  pastDays: int(settingRules.pastDays),
  futureDays: int(settingRules.futureDays),
  conflictPolicy: z.enum(settingRules.conflictPolicy.values),
  icloudDeletions: z.enum(settingRules.icloudDeletions.values),
  blockTitles: titleTemplate,
  crossLocationTitles: titleTemplate,
  filters,
  freeEventsBlock: z.boolean(),
  invitationsBlock: z.enum(settingRules.invitationsBlock.values),
  notifications: z.boolean(),
  launchAtLogin: z.boolean(),
});
// The schema and the hand-written Settings type must describe the same object, both ways.
type SchemaSettings = z.infer<typeof settingsSchema>;
const sameShape: [SchemaSettings, Settings] extends [Settings, SchemaSettings] ? true : never = true;
void sameShape;

/** Parse a setting given as text (the CLI) into its typed value. */
export function parseSettingText(key: string, text: string): ParseResult<Settings[SettingKey]> {
  if (!isSettingKey(key)) {
    return { ok: false, message: `Unknown setting "${key}". Settings are: ${settingKeys.join(', ')}.` };
  }
  const fieldSchema = settingsSchema.shape[key];
  const raw = coerceText(typeof defaultSettings[key], text.trim());
  const parsed = fieldSchema.safeParse(raw);
  if (!parsed.success) {
    const why = ruleProblem(settingRules[key], raw);
    return { ok: false, message: `Invalid value "${text}" for ${key}: ${why ? `${why}; ` : ''}expected ${settingDescriptions[key]}.` };
  }
  return { ok: true, value: parsed.data as Settings[SettingKey] };
}

function coerceText(kind: string, text: string): unknown {
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (kind === 'object') return parseJson(text);
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
