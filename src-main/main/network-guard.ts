import type { Session } from 'electron';

/**
 * The app must never touch the network: the corpus is about spyware used against
 * its readers. Every request from every session goes through ONE onBeforeRequest
 * listener that lets through only the app's own schemes and cancels the rest
 * (http, https, ws, wss, ftp, file, chrome-extension, anything new).
 *
 * An allowlist rather than a blocklist, so a scheme nobody thought of is refused:
 * - `app:`   the bundled renderer;
 * - `asset:` images stored in the corpus database;
 * - `data:` and `blob:` in-memory URLs the renderer creates itself (no network);
 * - `devtools:` the developer tools, which exist only in unpackaged builds.
 */
const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['app:', 'asset:', 'data:', 'blob:', 'devtools:']);

export function isRequestAllowed(url: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  return ALLOWED_PROTOCOLS.has(protocol);
}

/** The parts of a Session the guard touches (narrow, so tests can pass a fake). */
export type GuardableSession = Pick<
  Session,
  | 'webRequest'
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setSpellCheckerEnabled'
>;

/** Called with each cancelled URL, for the log. */
export type BlockedRequestReporter = (url: string) => void;

/**
 * Installs the request blocker and the deny-all permission handlers on one session.
 * A second `onBeforeRequest` listener silently REPLACES the first, so a session is
 * guarded exactly once; the WeakSet makes repeated calls (the default session is
 * also announced by 'session-created') harmless.
 */
export function createSessionGuard(report: BlockedRequestReporter): (session: GuardableSession) => void {
  const guarded = new WeakSet<GuardableSession>();
  return (session) => {
    if (guarded.has(session)) return;
    guarded.add(session);

    session.webRequest.onBeforeRequest((details, callback) => {
      const allowed = isRequestAllowed(details.url);
      if (!allowed) report(details.url);
      callback({ cancel: !allowed });
    });
    // Camera, microphone, geolocation, notifications, clipboard reads, HID/USB/serial,
    // even fullscreen from the page: the reader needs none of them.
    session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.setPermissionCheckHandler(() => false);
    session.setDevicePermissionHandler(() => false);
    // Electron's spellchecker downloads Hunspell dictionaries from Google's CDN for the
    // session's languages; webPreferences.spellcheck=false keeps it out of the page, and this
    // keeps the session from fetching dictionaries at all.
    session.setSpellCheckerEnabled(false);
  };
}

/** What the guard needs from `app`: the event announcing every session created later. */
export interface SessionSource {
  on(event: 'session-created', listener: (session: Session) => void): unknown;
}

/** Guards the default session now and every session created from now on, in one place. */
export function guardAllSessions(app: SessionSource, defaultSession: Session, report: BlockedRequestReporter): void {
  const guard = createSessionGuard(report);
  guard(defaultSession);
  app.on('session-created', (session) => guard(session));
}
