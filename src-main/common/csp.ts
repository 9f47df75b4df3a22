/**
 * Content-Security-Policy strings, defined once for both transports so the
 * browser-mode server and the Electron build cannot drift apart. Both forbid
 * every remote origin: the archive is read offline and must never leak a request.
 */

const SHARED_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/**
 * Browser mode: the UI fetches the ArchiveApi from its own origin, so `connect-src 'self'`.
 * `img-src blob:`: images a phone kept in IndexedDB are shown from object URLs once the
 * server is gone. `manifest-src 'self'`: the web manifest behind "Add to Home screen".
 */
export const BROWSER_MODE_CSP = [
  ...SHARED_DIRECTIVES.slice(0, 3),
  "img-src 'self' blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  ...SHARED_DIRECTIVES.slice(4),
].join('; ');

/**
 * Electron build: the UI talks over IPC only (`connect-src 'none'`); document images come
 * from the separate `asset:` scheme, which therefore needs its own img-src entry.
 */
export const ELECTRON_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' asset:",
  "connect-src 'none'",
  "manifest-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every browser-mode response, next to the CSP. */
export const BROWSER_MODE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': BROWSER_MODE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
