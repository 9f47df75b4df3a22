/**
 * Reads an `strace -f -e trace=connect,sendto,sendmsg,sendmmsg` log and judges every socket
 * address a traced process tried to reach. The offline proof rests on this module, so it
 * is unit-tested with lines that must pass and lines that must fail.
 *
 * Policy:
 * - AF_INET / AF_INET6 are allowed only to a loopback address (127.0.0.1, ::1,
 *   ::ffff:127.0.0.1) AND one of the ports the caller allows (the browser-mode server's).
 *   Anything else — another host, another loopback port, DNS (port 53) anywhere — is refused.
 * - AF_UNIX and AF_NETLINK never leave the machine: Unix sockets are local IPC (D-Bus,
 *   nscd, tsx's own pipe, Chromium's zygote), netlink talks to the local kernel (Chromium
 *   watches network interfaces with it). They are counted, not refused.
 * - AF_UNSPEC in connect() dissolves a UDP association; it reaches nobody.
 * - Any other family (AF_PACKET, AF_BLUETOOTH, …) is refused: nothing in this app needs it.
 * - A send with no address goes to the socket's connected peer, which its connect() line
 *   already showed; it is counted as such.
 * - One exception, and only when strace ran with -yy (so the socket's protocol is on the
 *   line): connect() of a UDP socket to Chromium's IPv6 reachability probe address
 *   (2001:4860:4860::8888). Connecting a UDP socket sends no packet — Chromium only asks the
 *   kernel whether a route exists — and inside the namespace it fails with ENETUNREACH, so no
 *   datagram can follow. It is counted and listed as a probe. The same address over TCP, or
 *   any datagram sent to it, is refused like any other.
 */
export type Verdict = 'allowed' | 'refused' | 'local' | 'connected-peer' | 'route-probe';

export interface SocketAttempt {
  /** Process id from strace's `-f` prefix (null if the log has none). */
  pid: number | null;
  syscall: string;
  /** Socket protocol from strace -yy (`TCP`, `UDPv6`, `UNIX-STREAM`…), null without -yy. */
  protocol: string | null;
  family: string;
  address: string | null;
  port: number | null;
  /** The syscall's return as strace printed it (`0`, `-1 ENETUNREACH (…)`), when on the line. */
  result: string | null;
  verdict: Verdict;
  reason: string;
  line: number;
  text: string;
}

export interface StracePolicy {
  /** Loopback ports that may be reached (the server's); empty for "no connection at all". */
  allowedLoopbackPorts: readonly number[];
}

export interface StraceReport {
  attempts: SocketAttempt[];
  /** Connection attempts to an internet address family (AF_INET/AF_INET6/other) seen. */
  networkSeen: number;
  networkAllowed: number;
  refused: SocketAttempt[];
  /** AF_UNIX / AF_NETLINK / AF_UNSPEC, and sends on an already connected socket. */
  localOrConnected: number;
  /** UDP connect() to Chromium's IPv6 probe address: no packet sent (see above). */
  routeProbes: SocketAttempt[];
}

const TRACED = ['connect', 'sendto', 'sendmsg', 'sendmmsg'] as const;
const CALL = new RegExp(`^(?:\\[pid\\s+)?(\\d+)?\\]?\\s*(${TRACED.join('|')})\\((.*)$`);
const RESULT = /\)\s+=\s+(-?\d+(?:\s+\S+.*)?)$/;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_FAMILIES = new Set(['AF_UNIX', 'AF_LOCAL', 'AF_NETLINK', 'AF_UNSPEC']);
const DNS_PORT = 53;
const CHROMIUM_IPV6_PROBE = '2001:4860:4860::8888';
// strace -yy: `19<UDPv6:[479760]>` (not connected: inode), `25<TCP:[127.0.0.1:5000->127.0.0.1:40633]>`
// (connected: local->peer), `26<TCPv6:[[::1]:5000->[::1]:40633]>`.
const SOCKET_DESCRIPTION = /^\d+<([A-Za-z0-9-]+):\[(.*?)\]>,/;
const PEER = /->\[?([0-9A-Fa-f:.]+?)\]?:(\d+)$/;

interface SockAddr {
  family: string;
  address: string | null;
  port: number | null;
}

/** Every `{sa_family=…}` structure on the line (sendmmsg can carry several). */
function socketAddresses(args: string): SockAddr[] {
  const found: SockAddr[] = [];
  const family = /sa_family=(AF_[A-Z0-9]+|\d+)/g;
  for (let match = family.exec(args); match; match = family.exec(args)) {
    // The fields of this structure run up to the next one's start.
    const rest = args.slice(match.index);
    const next = rest.indexOf('sa_family=', 1);
    const body = next === -1 ? rest : rest.slice(0, next);
    const name = match[1] ?? 'unknown';
    if (name === 'AF_INET') {
      found.push({
        family: name,
        address: /sin_addr=inet_addr\("([^"]*)"\)/.exec(body)?.[1] ?? null,
        port: numberOrNull(/sin_port=htons\((\d+)\)/.exec(body)?.[1]),
      });
    } else if (name === 'AF_INET6') {
      found.push({
        family: name,
        address: /inet_pton\(AF_INET6,\s*"([^"]*)"/.exec(body)?.[1] ?? null,
        port: numberOrNull(/sin6_port=htons\((\d+)\)/.exec(body)?.[1]),
      });
    } else {
      const unixPath = /sun_path=(@?"[^"]*")/.exec(body)?.[1] ?? null;
      found.push({ family: name, address: unixPath, port: null });
    }
  }
  return found;
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

function judge(
  addr: SockAddr,
  policy: StracePolicy,
  syscall: string,
  protocol: string | null,
): { verdict: Verdict; reason: string } {
  if (syscall === 'connect' && protocol === 'UDPv6' && addr.address === CHROMIUM_IPV6_PROBE) {
    return {
      verdict: 'route-probe',
      reason: "Chromium's IPv6 reachability probe: connect() on a UDP socket sends no packet",
    };
  }
  if (LOCAL_FAMILIES.has(addr.family)) return { verdict: 'local', reason: `${addr.family} stays on this machine` };
  if (addr.family !== 'AF_INET' && addr.family !== 'AF_INET6') {
    return { verdict: 'refused', reason: `address family ${addr.family} is never needed` };
  }
  if (addr.port === DNS_PORT) return { verdict: 'refused', reason: 'DNS query (port 53)' };
  if (addr.address === null || !LOOPBACK.has(addr.address)) {
    return { verdict: 'refused', reason: `not loopback: ${addr.address ?? '?'}` };
  }
  if (addr.port === null || !policy.allowedLoopbackPorts.includes(addr.port)) {
    const allowed = policy.allowedLoopbackPorts.length ? policy.allowedLoopbackPorts.join(', ') : 'none';
    return {
      verdict: 'refused',
      reason: `loopback port ${addr.port ?? '?'} is not the server's (allowed: ${allowed})`,
    };
  }
  return { verdict: 'allowed', reason: `the server's own loopback port ${addr.port}` };
}

/** Parses a whole strace log (text) and applies the policy to every attempt in it. */
export function analyseStraceLog(log: string, policy: StracePolicy): StraceReport {
  const attempts: SocketAttempt[] = [];
  const lines = log.split('\n');
  lines.forEach((raw, index) => {
    const text = raw.trim();
    const call = CALL.exec(text);
    if (!call) return; // `<... resumed>`, signals, exits: no address on them.
    const pid = numberOrNull(call[1]);
    const syscall = call[2] ?? '?';
    const args = call[3] ?? '';
    const result = RESULT.exec(text)?.[1]?.trim() ?? null;
    const socket = SOCKET_DESCRIPTION.exec(args);
    const protocol = socket?.[1] ?? null;
    const addresses = socketAddresses(args);
    if (addresses.length === 0 && protocol && /^(TCP|UDP)/.test(protocol)) {
      // A send on a connected internet socket: -yy names the peer, judged like a connect.
      const peer = PEER.exec(socket?.[2] ?? '');
      if (peer) {
        const addr: SockAddr = {
          family: protocol.endsWith('v6') ? 'AF_INET6' : 'AF_INET',
          address: peer[1] ?? null,
          port: numberOrNull(peer[2]),
        };
        // Only connect() can be a route probe, so data sent to the probe address is refused here.
        attempts.push({
          pid,
          syscall,
          protocol,
          ...addr,
          result,
          ...judge(addr, policy, syscall, protocol),
          line: index + 1,
          text,
        });
        return;
      }
    }
    if (addresses.length === 0) {
      attempts.push({
        pid,
        syscall,
        protocol,
        family: 'none',
        address: null,
        port: null,
        result,
        verdict: 'connected-peer',
        reason: 'no address: goes to the peer its connect() named',
        line: index + 1,
        text,
      });
      return;
    }
    for (const addr of addresses) {
      attempts.push({
        pid,
        syscall,
        protocol,
        ...addr,
        result,
        ...judge(addr, policy, syscall, protocol),
        line: index + 1,
        text,
      });
    }
  });
  const network = attempts.filter((a) => a.verdict === 'allowed' || a.verdict === 'refused');
  return {
    attempts,
    networkSeen: network.length,
    networkAllowed: network.filter((a) => a.verdict === 'allowed').length,
    refused: attempts.filter((a) => a.verdict === 'refused'),
    localOrConnected: attempts.filter((a) => a.verdict === 'local' || a.verdict === 'connected-peer').length,
    routeProbes: attempts.filter((a) => a.verdict === 'route-probe'),
  };
}

/** One line per refused attempt, for the failure message. */
export function describeRefused(attempt: SocketAttempt): string {
  const where =
    attempt.address === null
      ? attempt.family
      : `${attempt.family} ${attempt.address}${attempt.port === null ? '' : `:${attempt.port}`}`;
  return `pid ${attempt.pid ?? '?'} ${attempt.syscall} → ${where} (${attempt.reason}); log line ${attempt.line}: ${attempt.text.slice(0, 200)}`;
}
