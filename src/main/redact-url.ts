// User info in a URL (`https://user:SECRET@host/`) is a credential: a password typed into
// `--caldav-url` or `--api-url` must never be echoed back. Every message that can carry a URL — an
// error of either side (SyncError, so every classified failure), the CLI's error line, the window's
// IPC error answers — passes through this one helper, which drops the user info of every URL it
// finds in the text and keeps the rest (scheme, host, path) so the message still says where.

// scheme "://" then an authority up to "@" with no "/", "?", "#" or whitespace before it: that part
// can only be user info. (An "@" later in the path is not matched.)
const userinfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

export function stripUrlUserinfo(text: string): string {
  return text.replace(userinfo, '$1');
}

/** Whether a URL given by the user carries user info (which may be a password). */
export function hasUrlUserinfo(text: string): boolean {
  return stripUrlUserinfo(text) !== text;
}
