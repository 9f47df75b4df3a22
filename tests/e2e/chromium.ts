/**
 * How every test and benchmark starts Chromium: Debian's build (Playwright never downloads
 * a browser here), with the flags that stop it from calling home (background networking,
 * component updates, sync), which on a machine without internet would otherwise fail, and
 * on a user's machine would leak that the archive is being read.
 */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
