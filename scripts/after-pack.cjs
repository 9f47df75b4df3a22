// electron-builder afterPack hook: flips Electron's fuses in the packed executable, so a
// shipped app cannot be turned into a general Node runtime or debugger, and loads only
// its own (integrity-checked) app.asar. CommonJS because electron-builder require()s it.
const { existsSync, statSync, readFileSync } = require('node:fs');
const path = require('node:path');

/** Marker the packaging test writes into its placeholder "electron" executable. */
const STUB_MARKER = 'ARCHIVO-STUB-ELECTRON';

function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** Why the fuses cannot be flipped on this executable, or null when they can. */
function stubReason(file) {
  if (!existsSync(file)) return `no executable at ${file}`;
  if (statSync(file).isDirectory()) return null; // a macOS .app bundle
  const size = statSync(file).size;
  const head = readFileSync(file).subarray(0, 4096).toString('latin1');
  if (head.includes(STUB_MARKER) || size < 1024 * 1024) {
    return `the packed "electron" at ${file} is a ${size}-byte stub, not an Electron binary`;
  }
  return null;
}

exports.default = async function afterPack(context) {
  const file = executablePath(context);
  const reason = stubReason(file);
  if (reason) {
    console.log(`  • skipping Electron fuses: ${reason}`);
    return;
  }
  const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
  await flipFuses(file, {
    version: FuseVersion.V1,
    // Ad-hoc re-signing keeps arm64 macOS builds launchable after the binary changes.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* Arch.arm64 */,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  });
  console.log(`  • Electron fuses flipped in ${file}`);
};
