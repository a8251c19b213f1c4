// Checking the Apple ID and app-specific password before we send them anywhere, with messages that
// tell the user what to do (most failures here are people typing their normal Apple ID password).
import { SyncError } from '../errors';

export const APP_PASSWORD_HELP =
  'iCloud calendars need an app-specific password, not your Apple ID password: a one-off password ' +
  'Apple makes for apps like this one (it needs two-factor authentication on your Apple ID). ' +
  'Make one at account.apple.com → Sign-In and Security → App-Specific Passwords; ' +
  'it looks like xxxx-xxxx-xxxx-xxxx.';

export const AUTH_REJECTED_MESSAGE =
  'Your iCloud app-specific password was rejected. It may have been revoked: changing the Apple ID ' +
  'password revokes all of them. Make a new one at account.apple.com and reconnect.';

/** Bad input from the user: kind 'item', so the CLI exits 2 and the window shows the message; never sent to a server. */
export class InvalidCredentialsError extends SyncError {
  constructor(
    readonly field: 'appleId' | 'password',
    message: string,
  ) {
    super('item', message, { side: 'icloud' });
    this.name = 'InvalidCredentialsError';
  }
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const appPasswordPattern = /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/;

export function checkAppleId(appleId: string): string | undefined {
  if (emailPattern.test(appleId.trim())) return undefined;
  return `"${appleId}" is not an Apple ID: use the email address you sign in to iCloud with.`;
}

export function checkAppSpecificPassword(password: string): string | undefined {
  const trimmed = password.trim();
  if (appPasswordPattern.test(trimmed)) return undefined;
  if (/^[A-Za-z]{4}-[A-Za-z]{4}-[A-Za-z]{4}-[A-Za-z]{4}$/.test(trimmed)) {
    return `An app-specific password is written in lowercase letters (xxxx-xxxx-xxxx-xxxx). ${APP_PASSWORD_HELP}`;
  }
  return `That is not an app-specific password. ${APP_PASSWORD_HELP}`;
}

/** Throws InvalidCredentialsError with a helpful message; returns the trimmed values. */
export function validateIcloudCredentials(appleId: string, password: string): { appleId: string; password: string } {
  const idProblem = checkAppleId(appleId);
  if (idProblem) throw new InvalidCredentialsError('appleId', idProblem);
  const passwordProblem = checkAppSpecificPassword(password);
  if (passwordProblem) throw new InvalidCredentialsError('password', passwordProblem);
  return { appleId: appleId.trim(), password: password.trim() };
}
