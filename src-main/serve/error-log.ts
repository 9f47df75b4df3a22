import { errorCode } from '../common/guards';
/**
 * The server's own error lines on the owner's console: at most `perMinute` of them (a hostile
 * client must not flood the console or the disk behind it), then one line saying how many were
 * left out. Client aborts are not errors of the server and are not logged at all.
 */
export function createRateLimitedLog(log: (line: string) => void, perMinute = 20): (line: string) => void {
  let windowStart = 0;
  let written = 0;
  let dropped = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      if (dropped > 0) log(`(${dropped} more error lines were left out in the last minute)`);
      windowStart = now;
      written = 0;
      dropped = 0;
    }
    if (written >= perMinute) {
      dropped += 1;
      return;
    }
    written += 1;
    log(line);
  };
}

/** Errors that mean the client went away (closed the tab, lost the Wi-Fi) mid-request. */
export function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errorCode(error);
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    code === 'ERR_STREAM_DESTROYED' ||
    error.message === 'aborted'
  );
}

/** What the log says about a request: its method and path, cut short (never its query or body). */
export function describeRequest(method: string | undefined, url: string | undefined): string {
  const pathOnly = (url ?? '?').split('?')[0] ?? '?';
  return `${method ?? '?'} ${pathOnly.length > 120 ? `${pathOnly.slice(0, 120)}…` : pathOnly}`;
}
