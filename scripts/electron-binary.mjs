// Finds the Electron binary the `electron` npm package installed, or says in one clause
// why there is none. Shared by `npm start` and the Electron end-to-end test.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ ok: true, path: string } | { ok: false, reason: string, expectedPath: string }} */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed', expectedPath: 'node_modules/electron' };
  }
  const distDir = path.join(packageDir, 'dist');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    // The package's postinstall downloads the binary and writes path.txt; offline it cannot.
    return {
      ok: false,
      reason: `no Electron binary at ${distDir} (its download failed at install)`,
      expectedPath: distDir,
    };
  }
  try {
    // index.js reads path.txt and returns the absolute path of the executable.
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { ok: true, path: binary };
    return { ok: false, reason: `no Electron binary at ${String(binary)}`, expectedPath: String(binary) };
  } catch (error) {
    return { ok: false, reason: `no Electron binary at ${distDir} (${error.message})`, expectedPath: distDir };
  }
}
