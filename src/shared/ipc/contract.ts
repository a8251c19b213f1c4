// The typed IPC contract: every channel between the window and main, with the schema of its request
// and of its response. Main validates both directions against these (src/main/shell/ipc.ts); the
// preload exposes one function per channel (src/preload/index.ts); the renderer gets `AppApi`.
import { z } from 'zod';
import { calendarEntrySchema } from '../calendars';
import { doctorReportSchema } from '../doctor';
import { guardChoices, guardKinds, unfollowedItemSchema } from '../guard';
import { outcomes, runReportSchema } from '../run-report';
import { filtersShape, settingKeys, settingsSchema, type SettingKey, type Settings } from '../settings';
import { eventChannels, type EventName, type InvokeChannel } from './channels';
import { isAllowedExternalUrl } from './external-url';
import { statusViewSchema } from '../status';
import { appointmentDescriptionSchema, attentionItemSchema, conflictSchema, locationReleaseSchema, progressSchema, undoPreviewSchema } from './views';

/** Channels that take no argument: anything but `undefined` is a malformed request. */
const noRequest = z.undefined();
const ok = z.object({ ok: z.literal(true) });
const id = z.string().min(1).max(2000);
/**
 * Calendars being linked: the main iCloud calendar, busy sources, platform calendars and, per location
 * id, the iCloud calendar its appointments go to (a URL, or "default": the main one; issue 15).
 */
const linksRequest = z.strictObject({
  icloud: id, busy: z.array(id).max(100), platformCalendars: z.array(id).max(500),
  locationCalendars: z.record(z.string().min(1).max(200), id).optional(),
});
const side = z.enum(['icloud', 'platform']);

/** One setting change; the value is checked against that key's own schema. */
export type SettingChange = { [K in SettingKey]: { key: K; value: Settings[K] } }[SettingKey];
const settingChangeOptions = settingKeys.map((key) =>
  // The filters' values are checked by the main process, which names the one it refuses (settings.ts).
  z.strictObject({ key: z.literal(key), value: key === 'filters' ? filtersShape : settingsSchema.shape[key] }),
);
type SettingChangeOption = (typeof settingChangeOptions)[number];
const settingChangeSchema = z.discriminatedUnion(
  'key',
  settingChangeOptions as [SettingChangeOption, ...SettingChangeOption[]],
) as unknown as z.ZodType<SettingChange, SettingChange>; // one option per key at run time; TS cannot follow the map, so we name the union

const historyFilterShape = {
  outcome: z.enum(outcomes).optional(),
  direction: z.enum(['to-icloud', 'to-platform']).optional(),
  /** Free-text search over titles, reasons and errors. */
  text: z.string().max(200).optional(),
};
export const historyQuerySchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
  ...historyFilterShape,
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export const historyExportSchema = z.strictObject({ format: z.enum(['csv', 'json']), ...historyFilterShape });
export type HistoryExportQuery = z.infer<typeof historyExportSchema>;

const httpUrl = z.url({ protocol: /^https?$/ });
const platformUserSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const contract = {
  'status.get': { request: noRequest, response: statusViewSchema },

  'settings.get': { request: noRequest, response: settingsSchema },
  'settings.set': { request: settingChangeSchema, response: settingsSchema },

  'calendars.list': { request: noRequest, response: z.array(calendarEntrySchema) },
  'links.set': {
    request: linksRequest,
    response: ok,
  },

  'accounts.connectIcloud': {
    // The password travels renderer → main once, to be verified and put in the keychain; it is
    // never part of any response.
    request: z.strictObject({
      appleId: z.string().trim().min(1).max(320),
      password: z.string().min(1).max(200),
      caldavUrl: httpUrl.optional(),
    }),
    response: z.object({ ok: z.literal(true), calendars: z.array(calendarEntrySchema) }),
  },
  'accounts.connectPlatform': {
    request: z.strictObject({
      locationId: id,
      token: z.string().min(1).max(4000),
      apiUrl: httpUrl.optional(),
      userId: id.optional(),
    }),
    response: z.discriminatedUnion('status', [
      // locationName: what the person calls the location (absent when the token may not read it).
      z.object({ status: z.literal('connected'), locationName: z.string().optional(), locationNotice: z.string().optional() }),
      z.object({ status: z.literal('choose-user'), users: z.array(platformUserSchema), locationName: z.string().optional() }),
    ]),
  },
  // removeCopies: first delete every copy the app made (clean-up.ts), owners untouched; copies.preview shows them.
  // iCloud only: a platform location is removed by locations.remove, which names it (with several
  // connected, "the platform" names none — and the copies of all would have gone before that refusal).
  'accounts.disconnect': { request: z.strictObject({ side: z.literal('icloud'), removeCopies: z.boolean().optional() }), response: ok },
  // Settings → Accounts → a location's Remove… (adding one is accounts.connectPlatform with a new id).
  // The preview says what stays and what goes, reading the state (and, with removeCopies, a dry run of
  // removing that location's copies); nothing changes. The removal removes its copies first when asked
  // (one that cannot be removed throws before anything else: the location stays connected).
  'locations.removalPreview': {
    request: z.strictObject({ locationId: id, removeCopies: z.boolean() }),
    response: z.object({ name: z.string(), releasedElsewhere: z.array(locationReleaseSchema), last: z.boolean(), copies: runReportSchema.optional() }),
  },
  'locations.remove': { request: z.strictObject({ locationId: id, removeCopies: z.boolean() }), response: ok },
  /** What "Remove everything this app made" would delete (a preview: nothing changes, no history entry). */
  'copies.preview': { request: noRequest, response: runReportSchema },

  'sync.now': { request: noRequest, response: z.object({ started: z.boolean(), coalesced: z.boolean() }) },
  /** The dry run (cycle.ts dryRun): the report a cycle would write, `dryRun: true`; nothing changes, no history entry. */
  // links: calendars being chosen (onboarding, Settings), previewed as if linked; settings: values
  // being changed in Settings (window, free events), previewed as if set. Nothing is saved.
  'sync.preview': {
    request: z.strictObject({
      links: linksRequest.optional(),
      settings: settingsSchema.partial().strict().optional(),
    }).optional(),
    response: runReportSchema,
  },
  'sync.pause': { request: noRequest, response: z.object({ paused: z.literal(true) }) },
  'sync.resume': { request: noRequest, response: z.object({ paused: z.literal(false) }) },

  'history.list': {
    request: historyQuerySchema,
    response: z.object({ total: z.number().int().min(0), runs: z.array(runReportSchema) }),
  },
  'history.export': { request: historyExportSchema, response: z.object({ filename: z.string(), content: z.string() }) },

  'conflicts.list': { request: noRequest, response: z.array(conflictSchema) },
  'conflicts.resolve': {
    request: z.strictObject({ ids: z.array(id).min(1).max(1000), keep: side }),
    response: z.object({ resolved: z.number().int().min(0) }),
  },

  'attention.list': { request: noRequest, response: z.array(attentionItemSchema) },
  'attention.restore': { request: z.strictObject({ id }), response: ok },
  // What the cancel confirmation names (the customer, the time), read from the platform when asked.
  'attention.describe': { request: z.strictObject({ id }), response: appointmentDescriptionSchema },
  'attention.cancel': { request: z.strictObject({ id }), response: ok },

  // A safety guard's decision (status.guard): "Delete them" (allow) runs the cycle it stopped with
  // that guard lifted; "Keep them" leaves both sides as they are and stops following its items.
  // `kind` must name the guard that is waiting, so a stale window cannot decide a newer guard.
  'guard.decide': {
    request: z.strictObject({ kind: z.enum(guardKinds), choice: z.enum(guardChoices) }),
    response: z.object({ ok: z.literal(true), kept: z.number().int().min(0) }),
  },
  'unfollowed.list': { request: noRequest, response: z.array(unfollowedItemSchema) },
  'unfollowed.follow': { request: z.strictObject({ key: id }), response: ok },

  // History → "Undo this run": what it would put back on each side (the confirmation), then the undo
  // run itself (a run in the history, trigger "undo"); both refuse a run that cannot be undone.
  'run.undoPreview': {
    request: z.strictObject({ id }),
    response: undoPreviewSchema,
  },
  /** allowGuards: the user saw the guard's words in the sheet and chose Undo Anyway. */
  'run.undo': { request: z.strictObject({ id, allowGuards: z.boolean().optional() }), response: runReportSchema },

  'app.openExternal': {
    request: z.strictObject({
      url: z.string().refine(isAllowedExternalUrl, {
        message: 'must be an https://account.apple.com or https://support.apple.com link',
      }),
    }),
    response: ok,
  },

  /** Settings → "Check setup": the doctor's lines (cli.md `doctor`). */
  'doctor.run': { request: noRequest, response: doctorReportSchema },
  /**
   * Settings → "Save Diagnostics…": main asks where (a save dialog in the app) and writes the file;
   * the page never names a path, so it cannot make main write anywhere it likes.
   */
  'diagnostics.save': {
    request: z.strictObject({ includeTitles: z.boolean().default(false) }),
    response: z.discriminatedUnion('saved', [
      z.object({ saved: z.literal(true), path: z.string() }),
      z.object({ saved: z.literal(false) }),
    ]),
  },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

/** Payload schemas of the main → renderer events. */
export const eventContract = {
  'status.changed': statusViewSchema,
  'sync.progress': progressSchema,
} satisfies Record<(typeof eventChannels)[EventName], z.ZodType>;

export type Contract = typeof contract;
/** What the renderer passes (defaults not yet applied). */
export type RequestOf<C extends InvokeChannel> = z.input<Contract[C]['request']>;
/** What the handler receives (validated, defaults applied). */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<Contract[C]['request']>;
/** What the renderer receives. */
export type ResponseOf<C extends InvokeChannel> = z.output<Contract[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[(typeof eventChannels)[E]]>;

/** What main must implement: one function per channel. Responses are re-validated (and stripped of unknown keys). */
export type ContractHandlers = {
  [C in InvokeChannel]: (request: ParsedRequestOf<C>) => Promise<z.input<Contract[C]['response']>>;
};

type ApiFunction<C extends InvokeChannel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<ResponseOf<C>>
  : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never;

/** The shape of `window.api`: `window.api.history.list({ limit: 20 })`, `window.api.on.statusChanged(cb)`. */
export type AppApi = {
  [G in GroupOf<InvokeChannel>]: {
    [C in InvokeChannel as C extends `${G}.${infer M}` ? M : never]: ApiFunction<C>;
  };
} & {
  /** Subscribe to a main → renderer event; the returned function unsubscribes. */
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

export type { StatusView } from '../status';
export type { DoctorCheck, DoctorReport } from '../doctor';
export type { AttentionItem, Conflict, EventVersion, SyncProgress } from './views';
