// The IPC channel names, and nothing else. The preload imports only this file, so the sandboxed
// preload bundle stays tiny and carries no schema library; the schemas live in contract.ts, which
// must list exactly these channels (its `satisfies` clause fails to compile otherwise).

/** Request/response channels: renderer → main, answered once. `group.method` ↔ window.api.group.method(). */
export const invokeChannels = [
  'status.get',
  'settings.get',
  'settings.set',
  'calendars.list',
  'links.set',
  'accounts.connectIcloud',
  'accounts.connectPlatform',
  'accounts.disconnect',
  'locations.removalPreview',
  'locations.remove',
  'copies.preview',
  'sync.now',
  'sync.preview',
  'sync.pause',
  'sync.resume',
  'history.list',
  'history.export',
  'conflicts.list',
  'conflicts.resolve',
  'attention.list',
  'attention.restore',
  'attention.describe',
  'attention.cancel',
  'guard.decide',
  'unfollowed.list',
  'unfollowed.follow',
  'run.undoPreview',
  'run.undo',
  'app.openExternal',
  'doctor.run',
  'diagnostics.save',
] as const;
export type InvokeChannel = (typeof invokeChannels)[number];

/** Events: main → renderer, pushed. Key = the method on window.api.on, value = the channel name. */
export const eventChannels = {
  statusChanged: 'status.changed',
  syncProgress: 'sync.progress',
} as const;
export type EventName = keyof typeof eventChannels;
export type EventChannel = (typeof eventChannels)[EventName];

/** The IPC reply envelope: main never rejects an invoke, it answers one of these two shapes. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };
export interface IpcError {
  kind: IpcErrorKind;
  message: string;
}

/**
 * The error kinds the renderer can see: the sync kinds of src/main/errors.ts (ErrorKind — checked at
 * compile time in src/main/shell/ipc.ts), plus two that only IPC produces:
 * `invalid` (the request failed its schema) and `forbidden` (the sender is not our renderer).
 */
export const ipcErrorKinds = [
  'auth',
  'throttled',
  'network',
  'gone',
  'conflict',
  'item',
  'guard',
  'internal',
  'invalid',
  'forbidden',
] as const;
export type IpcErrorKind = (typeof ipcErrorKinds)[number];
