/**
 * How every test and benchmark starts Chromium: Debian's build (Playwright never downloads
 * a browser here), with the flags that stop it from calling home (background networking,
 * component updates, sync), which on a machine without internet would otherwise fail, and
 * on a user's machine would leak that the archive is being read.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

/**
 * Debian's headless-only build of the same Chromium version (package chromium-headless-shell),
 * the binary Playwright itself runs headless tests in. It has no browser UI to draw behind
 * the page: the end-to-end suite took 147 s of its CPU against 192 s in the full browser
 * (2026-12-07, same machine and load). The offline proof and the phone benchmark keep the
 * full browser, the one a person opens. Without the package the suite runs in the full browser
 * and says so (global-setup.ts).
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const E2E_CHROMIUM_EXECUTABLE = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM_EXECUTABLE;

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The name a phone on the laptop's hotspot opens the shared archive by (a non-loopback, insecure origin). */
export const LAN_NAME = 'archivo.lan';
/** The attacker's name of the DNS-rebinding spec: it resolves to this computer, as after a rebinding. */
export const REBINDING_NAME = 'evil.example';

/**
 * The end-to-end tests' Chromium: both names above resolve to 127.0.0.1 inside the browser only.
 * Every spec launches with these same arguments: a spec that set launch options of its own
 * (Playwright's `test.use({ launchOptions })`) ran in workers of its own, each a new Node
 * process and a new Chromium, instead of the two workers every other spec shares.
 */
export const E2E_CHROMIUM_ARGS: readonly string[] = [
  ...CHROMIUM_ARGS,
  `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1, MAP ${REBINDING_NAME} 127.0.0.1`,
];
