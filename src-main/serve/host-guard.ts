import { isIP } from 'node:net';

/**
 * DNS rebinding guard (as Vite's and webpack-dev-server's `allowedHosts`): a page on
 * `http://evil.example:PORT/` whose name was rebound to this computer sends `Host: evil.example`,
 * so every request, static files included, must name a host this server agreed to be called by.
 *
 * - Loopback session (the owner's notes and packs): only `localhost`, `127.x.y.z` and `[::1]`.
 * - Shared on a network: any IP literal (a phone types the laptop's address), `localhost`, and
 *   the names the owner listed with `--allowed-host`.
 *
 * A duplicate Host header reaches here comma-joined (the server uses `joinDuplicateHeaders`), which
 * is never a valid host, so it is refused too.
 */
export interface HostGuardOptions {
  /** True when the server listens on loopback only (the owner's session). */
  loopbackSession: boolean;
  /** Extra host names accepted in shared mode (`--allowed-host archivo.lan`); ignored on loopback. */
  allowedHosts?: readonly string[];
}

/** What the Host header names, without the port; null when it is not a well-formed `host[:port]`. */
export function hostNameOf(hostHeader: string): string | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s,]+)(?::(\d{1,5}))?$/.exec(hostHeader);
  if (!match?.[1]) return null;
  const name = match[1].toLowerCase();
  return name.startsWith('[') ? name.slice(1, -1) : name.replace(/\.$/, '');
}

function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name === '::1') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

/** A checker for one server; returns true when the request's Host header may be answered. */
export function createHostGuard(options: HostGuardOptions): (hostHeader: string | undefined) => boolean {
  const allowed = new Set((options.allowedHosts ?? []).map((host) => host.toLowerCase().replace(/\.$/, '')));
  return (hostHeader) => {
    if (hostHeader === undefined) return false;
    const name = hostNameOf(hostHeader);
    if (name === null) return false;
    if (isLoopbackName(name)) return true;
    if (options.loopbackSession) return false;
    return isIP(name) !== 0 || allowed.has(name);
  };
}

/** Checks an `--allowed-host` value: a plain DNS name (no scheme, port, path or wildcard). */
export function isValidAllowedHost(value: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(value);
}
