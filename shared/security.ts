// Content-Security-Policy of the app shell. Served as a header by main's app://
// protocol and by the UI test server, so both run the renderer under the same
// rules. srcdoc frames inherit it, so remote mail content is blocked here too.
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "frame-src 'self' about:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** CSP inside the sandboxed mail frame: no script, no fetch, inline cid images only. */
export const MAIL_FRAME_CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:";

/** Link schemes a message may open (through main, after showing the target). */
export const OPENABLE_LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

export function isOpenableLink(url: string): boolean {
  try {
    return (OPENABLE_LINK_SCHEMES as readonly string[]).includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
