// Main → renderer events, validated like invoke responses: what the page receives is exactly what
// the contract describes (unknown keys stripped), or nothing at all.
import { eventChannels, type EventName } from '../../shared/ipc/channels';
import { eventContract, type EventPayload } from '../../shared/ipc/contract';

/** The slice of Electron's WebContents we send through. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Send one event; returns whether it was sent (false: no live target, or a payload off-contract). */
export function sendEvent<E extends EventName>(
  target: EventTarget | undefined,
  name: E,
  payload: EventPayload<E>,
  log: (message: string) => void = (message) => console.error(message),
): boolean {
  if (!target || target.isDestroyed()) return false;
  const channel = eventChannels[name];
  const parsed = eventContract[channel].safeParse(payload);
  if (!parsed.success) {
    log(`IPC event ${channel} not sent: invalid payload at ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
    return false;
  }
  target.send(channel, parsed.data);
  return true;
}
