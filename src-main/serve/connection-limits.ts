import type http from 'node:http';
import type { Socket } from 'node:net';

/**
 * Limits on what one client can hold (as nginx's `limit_conn` and idle timeouts): a slow or
 * hostile phone must not use up the server's descriptors or keep a request open for minutes.
 */
export interface ConnectionLimits {
  /** Whole server: further connections are closed at once (Node's `maxConnections`). */
  maxConnections: number;
  /** One remote address: further connections from it are closed at once. */
  maxConnectionsPerAddress: number;
  /** Time to receive a request's headers (slowloris). */
  headersTimeoutMs: number;
  /** Time to receive a whole API request (body included); pack uploads use `uploadIdleMs` instead. */
  requestTimeoutMs: number;
  /** Pack uploads: longest pause between two reads; an honest slow upload keeps going. */
  uploadIdleMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 200,
  maxConnectionsPerAddress: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  uploadIdleMs: 30_000,
};

/** Sets the server-wide limits and the per-address cap on a server before it listens. */
export function applyConnectionLimits(server: http.Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  // The total request time is enforced per request (`startRequestDeadline`): Node's own
  // requestTimeout would also cut a long honest pack upload.
  server.requestTimeout = 0;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    const count = (perAddress.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, count);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
}

/**
 * Drops the request if its body has not fully arrived within `ms`. Returns a function that
 * switches it to an idle timeout instead (pack uploads: only a pause longer than `idleMs` ends it).
 */
export function startRequestDeadline(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  ms: number,
): (idleMs: number) => void {
  const destroy = () => request.socket.destroy();
  let timer: NodeJS.Timeout | undefined = setTimeout(destroy, ms);
  timer.unref();
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  request.once('end', clear);
  request.once('close', clear);
  response.once('close', clear);
  return (idleMs) => {
    clear();
    // The socket's own inactivity timer restarts on every byte received (no reader is added:
    // a 'data' listener would start the body flowing before the upload's pipeline reads it).
    const socket = request.socket;
    const onIdle = () => socket.destroy();
    socket.setTimeout(idleMs, onIdle);
    const stop = () => {
      socket.setTimeout(0);
      socket.off('timeout', onIdle);
    };
    request.once('end', stop);
    response.once('close', stop);
  };
}
