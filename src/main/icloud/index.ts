// The iCloud side's public surface (CLI, services, sync engine import from here).
export { connectIcloud, discover, DEFAULT_CALDAV_URL } from './discovery';
export type { IcloudConnectOptions, IcloudConnectParams, IcloudConnection, IcloudDiscovery } from './discovery';
export { IcloudSource } from './source';
export { findUserAddresses, normaliseAddress } from './user-addresses';
export type { IcloudAccount } from './source';
export { calendarsFromResponses, NO_EVENTS_REASON, READ_ONLY_REASON, SUBSCRIBED_REASON } from './calendars';
export type { IcloudCalendar } from './calendars';
export type { CalendarCursor, ChangeSet, KnownObject, KnownObjects, ObjectsTaker } from './changes';
export { knownList } from './changes';
export { IcloudConflictError } from './objects';
export type { RemoteObject, WriteResult } from './objects';
export {
  APP_PASSWORD_HELP,
  AUTH_REJECTED_MESSAGE,
  checkAppleId,
  checkAppSpecificPassword,
  InvalidCredentialsError,
  validateIcloudCredentials,
} from './credentials';
export { createIcloudFetch, productionRetryPolicy, ICLOUD_USER_AGENT, ICLOUD_ACCEPT_LANGUAGE } from './http';
export type { RetryPolicy } from './http';
export { IcsCodec, OCCURRENCE_CAP } from './codec';
export type * from './codec';
