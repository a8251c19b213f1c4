// The user's settings: one schema shared by the store, the CLI (`get`/`set`) and the window.
// Every value that can be set from text is parsed here, so a bad value gets one clear message everywhere.
import { z } from 'zod';

export const conflictPolicies = ['ask', 'platform', 'icloud', 'newest'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/** S18: which invitations block time besides the user's own events; a declined one never does. */
export const invitationsBlockValues = ['accepted', 'tentative', 'unanswered'] as const;
export type InvitationsBlock = (typeof invitationsBlockValues)[number];

export const settingsSchema = z.object({
  interval: z.number().int().min(1).max(1440),
  pastDays: z.number().int().min(0).max(90),
  futureDays: z.number().int().min(1).max(365),
  conflictPolicy: z.enum(conflictPolicies),
  icloudDeletions: z.enum(['release', 'keep']),
  blockTitles: z.enum(['event', 'busy']),
  freeEventsBlock: z.boolean(),
  invitationsBlock: z.enum(invitationsBlockValues),
  notifications: z.boolean(),
  launchAtLogin: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const defaultSettings: Settings = {
  interval: 5,
  pastDays: 7,
  futureDays: 90,
  conflictPolicy: 'ask',
  icloudDeletions: 'release',
  blockTitles: 'event',
  freeEventsBlock: false,
  invitationsBlock: 'unanswered',
  notifications: true,
  launchAtLogin: false,
};

/** What each key accepts, in words, for error messages and `--help`. */
export const settingDescriptions: Record<SettingKey, string> = {
  interval: 'minutes between syncs, a whole number from 1 to 1440 (default 5)',
  pastDays: 'days before today to sync, a whole number from 0 to 90 (default 7)',
  futureDays: 'days after today to sync, a whole number from 1 to 365 (default 90)',
  conflictPolicy: 'one of ask, platform, icloud, newest (default ask)',
  icloudDeletions: 'release (delete the blocked slot) or keep (default release)',
  blockTitles: 'event (the iCloud title) or busy (default event)',
  freeEventsBlock: 'true or false: let free (transparent) iCloud events block time (default false)',
  invitationsBlock:
    'accepted (only accepted invitations block), tentative (accepted and tentative) or unanswered (accepted, tentative and not yet answered); a declined one never does (default unanswered)',
  notifications: 'true or false: show notifications (default true)',
  launchAtLogin: 'true or false: start the app when you log in (default false)',
};

export const settingKeys = Object.keys(defaultSettings) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return (settingKeys as string[]).includes(key);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parse a setting given as text (the CLI) into its typed value. */
export function parseSettingText(key: string, text: string): ParseResult<Settings[SettingKey]> {
  if (!isSettingKey(key)) {
    return { ok: false, message: `Unknown setting "${key}". Settings are: ${settingKeys.join(', ')}.` };
  }
  const fieldSchema = settingsSchema.shape[key];
  const raw = coerceText(typeof defaultSettings[key], text.trim());
  const parsed = fieldSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: `Invalid value "${text}" for ${key}: expected ${settingDescriptions[key]}.` };
  }
  return { ok: true, value: parsed.data };
}

/** Validate a typed value (from the window) for one key. */
export function validateSetting(key: SettingKey, value: unknown): ParseResult<Settings[SettingKey]> {
  const parsed = settingsSchema.shape[key].safeParse(value);
  if (!parsed.success) {
    return { ok: false, message: `Invalid value for ${key}: expected ${settingDescriptions[key]}.` };
  }
  return { ok: true, value: parsed.data };
}

function coerceText(kind: string, text: string): unknown {
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}
