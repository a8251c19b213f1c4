// Every error the window shows goes through here: one line, in words, never a stack or a bare code.
// Main already words its errors (src/main/shell/ipc.ts keeps the first line only); this is the last
// guard for what a broken bridge or a validation failure might still produce.

const fallback = 'Something went wrong. Try again in a moment.';

export function plainError(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const line = raw.split('\n', 1)[0].trim();
  if (!line) return fallback;
  // fetch() in the browser harness, or an IPC bridge that went away.
  if (/^(Failed to fetch|NetworkError|Load failed|No answer from the app)/i.test(line)) {
    return 'The app is not answering. Quit and reopen it, then try again.';
  }
  // A bare status code ("500", "HTTP 503", "Request failed with status code 401") says nothing to a person.
  if (/^(HTTP\s*)?\d{3}$/i.test(line) || /status code \d{3}/i.test(line)) return fallback;
  if (/^Invalid request to /.test(line)) return 'The app could not accept what was entered. Check the fields and try again.';
  // A stack frame that slipped through ("    at foo (file.js:1:2)") is never shown.
  if (/^\s*at .+:\d+:\d+\)?$/.test(line)) return fallback;
  return line;
}
