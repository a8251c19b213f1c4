// Checks made before anything is sent, with messages that say what to type.

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const appPasswordPattern = /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/;

export function appleIdProblem(appleId: string): string | undefined {
  if (!appleId.trim()) return 'Enter the email address you sign in to iCloud with.';
  if (!emailPattern.test(appleId.trim())) return 'That is not an Apple ID. Use the email address you sign in to iCloud with.';
  return undefined;
}

/** Apple shows app-specific passwords as xxxx-xxxx-xxxx-xxxx in lowercase; spaces from copying are dropped. */
export function normaliseAppPassword(password: string): string {
  return password.replace(/\s+/g, '').toLowerCase();
}

export function appPasswordProblem(password: string): string | undefined {
  const normalised = normaliseAppPassword(password);
  if (!normalised) return 'Paste the app-specific password you made at account.apple.com.';
  if (!appPasswordPattern.test(normalised)) {
    return 'An app-specific password has four groups of four letters, like abcd-efgh-ijkl-mnop. Your Apple ID password does not work here.';
  }
  return undefined;
}

export function urlProblem(text: string, what: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    const url = new URL(text.trim());
    if (url.protocol === 'https:' || url.protocol === 'http:') return undefined;
  } catch {
    // fall through to the message
  }
  return `Enter the ${what} as a web address starting with https://, or leave it empty.`;
}

export function requiredProblem(text: string, message: string): string | undefined {
  return text.trim() ? undefined : message;
}
