import { BROWSER_MODE_SECURITY_HEADERS } from '../common/csp';

/**
 * Every browser-mode response's security headers: the shared CSP, nosniff, referrer and
 * resource policies, plus the defaults helmet sets that apply to a plain-http server
 * (Strict-Transport-Security does not: there is no https here).
 */
export const SERVER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...BROWSER_MODE_SECURITY_HEADERS,
  // No other window keeps a handle on the archive's (ignored by browsers outside a secure context).
  'Cross-Origin-Opener-Policy': 'same-origin',
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
