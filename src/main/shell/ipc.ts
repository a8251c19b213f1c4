// The one place main answers the window. For every channel of the contract it checks, in order:
// the sender frame is our renderer's top frame, the payload matches the request schema; then it
// calls the handler, re-validates the response (zod strips unknown keys, so nothing the handler
// added by mistake — a token, a path — leaks to the page) and replies with an IpcResult.
// Main never rejects an invoke: errors become { ok: false, error: { kind, message } }, never a stack.
import type { z } from 'zod';
import { toSyncError, type ErrorKind } from '../errors';
import { stripUrlUserinfo } from '../redact-url';
import { invokeChannels, type InvokeChannel, type IpcError, type IpcErrorKind, type IpcResult } from '../../shared/ipc/channels';
import { contract, type ContractHandlers } from '../../shared/ipc/contract';

/** The part of an Electron IpcMainInvokeEvent we look at. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The slice of Electron's ipcMain we use (lets tests pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface RegisterOptions {
  /** Whether a frame URL is our renderer (see trusted-sender.ts); tests and harnesses inject their own. */
  isTrustedSender: (url: string) => boolean;
  /** Where to report what the user must not see (bad responses, internal errors). */
  log?: (message: string) => void;
}

/** Register one handler per channel; returns a function that removes them all. */
export function registerHandlers(ipcMain: IpcMainLike, handlers: ContractHandlers, options: RegisterOptions): () => void {
  const log = options.log ?? ((message: string) => console.error(message));
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event, ...args) =>
      answer(channel, event, args[0], handlers, options.isTrustedSender, log),
    );
  }
  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(channel);
  };
}

async function answer(
  channel: InvokeChannel,
  event: InvokeEventLike,
  payload: unknown,
  handlers: ContractHandlers,
  isTrustedSender: (url: string) => boolean,
  log: (message: string) => void,
): Promise<IpcResult<unknown>> {
  const frame = event.senderFrame;
  // Only our page's top frame may call: never a subframe, never a page we navigated away to.
  if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
    log(`IPC ${channel} refused: untrusted sender ${frame ? stripUrlUserinfo(frame.url) : '(no frame)'}`);
    return fail('forbidden', 'This request did not come from the app window.');
  }
  const { request: requestSchema, response: responseSchema } = contract[channel];
  const request = requestSchema.safeParse(payload);
  if (!request.success) {
    return fail('invalid', `Invalid request to ${channel}: ${describeIssues(request.error.issues)}.`);
  }
  let result: unknown;
  try {
    // Each handler is typed by its channel; the map lookup loses that link, so call it through a
    // generic signature (the request was just parsed by that channel's own schema).
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    result = await handler(request.data);
  } catch (error) {
    const normalised = toSyncError(error);
    if (normalised.kind === 'internal') log(`IPC ${channel} failed: ${String(normalised.stack ?? normalised.message)}`);
    return fail(asIpcKind(normalised.kind), firstLine(normalised.message));
  }
  const response = responseSchema.safeParse(result);
  if (!response.success) {
    // Paths only, never values: a value could be the very secret we are keeping from the page.
    log(`IPC ${channel} produced an invalid response: ${response.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
    return fail('internal', `The app could not answer this request (${channel}).`);
  }
  return { ok: true, data: response.data };
}

/** Compile-time proof that every sync error kind is one the renderer knows. */
function asIpcKind(kind: ErrorKind): IpcErrorKind {
  return kind;
}

function fail(kind: IpcErrorKind, message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { kind, message } };
}

/** "limit: Too big: expected number to be <=1000; text: …" — names each field that failed. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

/** A message for the user is one line; anything after (a stack, a dump) stays in the log. */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0].trim();
  return line.length > 500 ? `${line.slice(0, 497)}…` : line || 'Something went wrong.';
}
