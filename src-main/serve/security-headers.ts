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
