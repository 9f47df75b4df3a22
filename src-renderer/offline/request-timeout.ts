import type { RequestPace } from '../api/http-client';

/**
 * How long a phone waits for the archive before it calls the server unreachable. When the hotspot
 * drops mid-request, a fetch may never settle (no reset ever arrives); this bound turns that into
 * "offline" promptly. It is above the server's own worst answer time (a search waits at most 5 s
 * in the queue, then runs at most 1 s) so a busy server is not mistaken for a gone one.
 */
export const REQUEST_TIMEOUT_MS = 8000;

/**
 * The bound for a call the method table marks `slow` (a sealed export's key derivation, turning
 * encryption on for every note): on an old laptop, or one busy serving a room, such a call rightly
 * takes longer than 8 s, and cutting it off told the user the archive was gone while it worked.
 */
export const SLOW_REQUEST_TIMEOUT_MS = 120_000;

/** An image kept in the background may be large on a slow link (2 MB at 1.6 Mbit/s is 10 s), but not endless. */
export const ASSET_TIMEOUT_MS = 30_000;

/** A signal that aborts after `ms` with a TimeoutError: `AbortSignal.timeout`, or its equivalent where missing. */
export function timeoutSignal(ms: number): AbortSignal {
  if ('timeout' in AbortSignal) return AbortSignal.timeout(ms);
  const controller = new AbortController();
  setTimeout(() => {
    controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
  }, ms);
  return controller.signal;
}

/** The page's bound for one request: `SLOW_REQUEST_TIMEOUT_MS` for a slow call, else `REQUEST_TIMEOUT_MS`. */
export function requestSignal(pace: RequestPace): AbortSignal {
  return timeoutSignal(pace === 'slow' ? SLOW_REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS);
}
