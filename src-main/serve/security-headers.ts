import { BROWSER_MODE_SECURITY_HEADERS } from '../common/csp';

/**
 * Every browser-mode response's security headers: the shared CSP, nosniff, referrer and
 * resource policies, plus the defaults helmet sets that apply to a plain-http server
 * (Strict-Transport-Security does not: there is no https here).
 */
export const SERVER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...BROWSER_MODE_SECURITY_HEADERS,
  // Its own process where the browser can (memory of other sites stays out of reach).
  'Origin-Agent-Cluster': '?1',
  // Older browsers that ignore CSP's frame-ancestors: never framed.
  'X-Frame-Options': 'DENY',
  // The reader needs none of these features.
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), ' +
    'midi=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), interest-cohort=()',
  'X-DNS-Prefetch-Control': 'off',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-Download-Options': 'noopen',
};

/**
 * Headers a browser honours only on a potentially trustworthy origin (the loopback session):
 * Chromium ignores Cross-Origin-Opener-Policy on a LAN address over plain http and logs an
 * error in the phone's console for every page, so it goes only where it works.
 */
const TRUSTWORTHY_ORIGIN_HEADERS: Readonly<Record<string, string>> = {
  // No other window keeps a handle on the archive's.
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The security headers for an answer to a request that named `hostHeader` (its Host). */
export function securityHeadersFor(hostHeader: string | undefined): Readonly<Record<string, string>> {
  const host = (hostHeader ?? '')
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback ? { ...SERVER_SECURITY_HEADERS, ...TRUSTWORTHY_ORIGIN_HEADERS } : SERVER_SECURITY_HEADERS;
}

/**
 * The security headers of a JSON answer (the API): only those a browser applies to a response
 * that is never a document nor a script. `nosniff` keeps it from being read as a script or a
 * style sheet, CORP keeps other sites' pages from loading it (`no-cors` reads), COOP stays where
 * `securityHeadersFor` sends it. The others act on documents only: the CSP (what a page may
 * load and run), frame, permission and referrer policies, Origin-Agent-Cluster, DNS prefetching
 * and the old download and cross-domain-policy switches; on every JSON answer they were about
 * 650 of its 1,000 bytes of headers, which a phone on a 1.6 Mbit/s hotspot receives with each
 * keystroke's search.
 */
export function jsonSecurityHeadersFor(hostHeader: string | undefined): Readonly<Record<string, string>> {
  const all = securityHeadersFor(hostHeader);
  return Object.fromEntries(
    JSON_ANSWER_HEADERS.flatMap((name) => {
      const value = all[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

const JSON_ANSWER_HEADERS = [
  'X-Content-Type-Options',
  'Cross-Origin-Resource-Policy',
  'Cross-Origin-Opener-Policy',
] as const;
