// The user's settings as plain data: their keys, defaults, allowed values and the words for them.
// No zod here on purpose: the window imports this file, and zod would add ~70 kB to its bundle for
// one check per field. settings.ts builds the zod schema (store, IPC, CLI) from these same rules,
// and test/unit/settings.test.ts checks both give the same answer for every key.
import { checkFilters, checkTitleTemplate, type SourceFilters } from './filter-rules';

export * from './filter-rules';

/** S18: which invitations block time besides the user's own events; a declined one never does. */
export const invitationsBlockValues = ['accepted', 'tentative', 'unanswered'] as const;
export type InvitationsBlock = (typeof invitationsBlockValues)[number];

export const conflictPolicies = ['ask', 'platform', 'icloud', 'newest'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

export interface Settings {
  interval: number;
  pastDays: number;
  futureDays: number;
  conflictPolicy: ConflictPolicy;
  icloudDeletions: 'release' | 'keep';
  /** S8: `event` (the iCloud title), `busy`, or a template with {title} and {calendar} (block-title.ts). */
  blockTitles: TitleTemplate;
  /** Titles of cross-location blocks (issue 15): the same values as blockTitles. */
  crossLocationTitles: TitleTemplate;
  /** What crosses, per source id (calendar URL, location id): DESIGN "What crosses". */
  filters: SourceFilters;
  freeEventsBlock: boolean;
  invitationsBlock: InvitationsBlock;
  notifications: boolean;
  launchAtLogin: boolean;
}
export type SettingKey = keyof Settings;
/** `event`, `busy` or a template text: checked by checkTitleTemplate. */
export type TitleTemplate = string;

export type SettingRule =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'title' }
  | { kind: 'filters' };

/**
 * The number settings' rules on their own, like their words below: the window checks only these
 * (SettingControls), so the filter and title checks behind fitsRule stay out of its bundle.
 */
export const numberSettingRules = {
  interval: { kind: 'int', min: 1, max: 1440 },
  pastDays: { kind: 'int', min: 0, max: 90 },
  futureDays: { kind: 'int', min: 1, max: 365 },
} as const satisfies Partial<Record<SettingKey, SettingRule>>;

export const settingRules = {
  ...numberSettingRules,
  conflictPolicy: { kind: 'enum', values: conflictPolicies },
  icloudDeletions: { kind: 'enum', values: ['release', 'keep'] },
  blockTitles: { kind: 'title' },
  crossLocationTitles: { kind: 'title' },
  filters: { kind: 'filters' },
  freeEventsBlock: { kind: 'boolean' },
  invitationsBlock: { kind: 'enum', values: invitationsBlockValues },
  notifications: { kind: 'boolean' },
  launchAtLogin: { kind: 'boolean' },
} as const satisfies Record<SettingKey, SettingRule>;

export const defaultSettings: Settings = {
  interval: 5,
  pastDays: 7,
  futureDays: 90,
  conflictPolicy: 'ask',
  icloudDeletions: 'release',
  blockTitles: 'event',
  crossLocationTitles: 'busy',
  filters: {},
  freeEventsBlock: false,
  invitationsBlock: 'unanswered',
  notifications: true,
  launchAtLogin: false,
};

/**
 * The number settings in words, on their own because the window shows them too (SettingControls):
 * the rest of the descriptions, ~1.3 kB, then stays out of the window's bundle.
 */
export const numberSettingDescriptions = {
  interval: 'minutes between syncs, a whole number from 1 to 1440 (default 5)',
  pastDays: 'days before today to sync, a whole number from 0 to 90 (default 7)',
  futureDays: 'days after today to sync, a whole number from 1 to 365 (default 90)',
} as const satisfies Partial<Record<SettingKey, string>>;

/** What each key accepts, in words, for error messages and `--help`. */
export const settingDescriptions: Record<SettingKey, string> = {
  ...numberSettingDescriptions,
  conflictPolicy: 'one of ask, platform, icloud, newest (default ask)',
  icloudDeletions: 'release (delete the blocked slot) or keep (default release)',
  blockTitles: 'event (the iCloud title), busy, or a text of up to 200 characters with {title} and {calendar}, e.g. "{calendar}: {title}" (default event)',
  crossLocationTitles: 'event (the appointment title), busy, or a text of up to 200 characters with {title} and {calendar} (the location name) (default busy)',
  filters: 'per source: filters.<source>.skipTitles (a JSON list of texts or /regex/i), filters.<source>.skipAllDay (true or false), filters.<source>.workingHours (e.g. "mon-fri 09:00-17:30" or none); <source> is a calendar URL or a location id (default none)',
  freeEventsBlock: 'true or false: let free (transparent) iCloud events block time (default false)',
  invitationsBlock:
    'accepted (only accepted invitations block), tentative (accepted and tentative) or unanswered (accepted, tentative and not yet answered); a declined one never does (default unanswered)',
  notifications: 'true or false: show notifications (default true)',
  launchAtLogin: 'true or false: start the app when you log in (default false)',
};

// Pure: the window never lists the keys; without the mark the bundle keeps the call.
export const settingKeys = /* @__PURE__ */ Object.keys(defaultSettings) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return (settingKeys as string[]).includes(key);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Whether a typed value is allowed for the rule (the same test the zod schema makes). */
export function fitsRule(rule: SettingRule, value: unknown): boolean {
  if (rule.kind === 'title') return checkTitleTemplate(value) === undefined;
  if (rule.kind === 'filters') return checkFilters(value) === undefined;
  if (rule.kind === 'boolean') return typeof value === 'boolean';
  if (rule.kind === 'enum') return typeof value === 'string' && rule.values.includes(value);
  return fitsIntRule(rule, value);
}

/** A whole number within the rule's bounds. */
export function fitsIntRule(rule: { min: number; max: number }, value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= rule.min && value <= rule.max;
}

/** Validate a typed value (from the window) for one key. */
export function validateSetting(key: SettingKey, value: unknown): ParseResult<Settings[SettingKey]> {
  if (!fitsRule(settingRules[key], value)) {
    const why = ruleProblem(settingRules[key], value);
    return { ok: false, message: `Invalid value for ${key}: ${why ? `${why}; ` : ''}expected ${settingDescriptions[key]}.` };
  }
  return { ok: true, value: value as Settings[SettingKey] };
}

/** The precise problem of a value for the rules that can say more than "expected …". */
export function ruleProblem(rule: SettingRule, value: unknown): string | undefined {
  if (rule.kind === 'title') return checkTitleTemplate(value);
  if (rule.kind === 'filters') return checkFilters(value);
  return undefined;
}
