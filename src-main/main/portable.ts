import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Portable mode: a USB stick carries the app, the archive AND the user's notes. When a file
 * named `portable` sits beside the app (or electron-builder's Windows portable target says
 * where its .exe is), every piece of user data (settings, annotations, installed packs,
 * Chromium's own profile) goes to a folder beside it instead of the per-user app-data
 * folder, so nothing is left behind on a borrowed computer.
 */

/** The marker file a librarian creates next to the executable. Its content is ignored. */
export const PORTABLE_MARKER = 'portable';
/** The folder beside the app that holds all user data in portable mode. */
export const PORTABLE_DATA_FOLDER = 'Archivo-datos';

export interface PortableInputs {
  /** `process.execPath`. */
  execPath: string;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** `process.env` (only PORTABLE_EXECUTABLE_DIR and APPIMAGE are read). */
  env: Readonly<Record<string, string | undefined>>;
  /** `fs.existsSync`, replaceable in tests. */
  exists: (file: string) => boolean;
}

export type PortableDecision =
  | { portable: false }
  | {
      portable: true;
      /** The folder the user sees the app in (where the marker is, or the portable .exe). */
      appFolder: string;
      /** `<appFolder>/Archivo-datos`: userData. */
      dataFolder: string;
      /** Why: a marker file at this path, or the Windows portable target's environment. */
      reason: { kind: 'marker'; file: string } | { kind: 'windows-portable-target' };
    };

/**
 * Where the app lives as the user sees it. The running executable is not always there:
 * - macOS: `X.app/Contents/MacOS/X`; the user sees `X.app`, so its parent folder counts;
 * - Linux AppImage: the executable runs from a temporary mount; `APPIMAGE` names the file
 *   the user double-clicked, whose folder counts.
 */
export function visibleAppFolder(inputs: Pick<PortableInputs, 'execPath' | 'platform' | 'env'>): string {
  const pathApi = inputs.platform === 'win32' ? path.win32 : path.posix;
  const execFolder = pathApi.dirname(inputs.execPath);
  if (inputs.platform === 'darwin') {
    const contents = pathApi.dirname(execFolder);
    const bundle = pathApi.dirname(contents);
    if (
      pathApi.basename(execFolder) === 'MacOS' &&
      pathApi.basename(contents) === 'Contents' &&
      bundle.endsWith('.app')
    ) {
      return pathApi.dirname(bundle);
    }
  }
  const appImage = inputs.env.APPIMAGE;
  if (inputs.platform === 'linux' && appImage) return pathApi.dirname(appImage);
  return execFolder;
}

/** Decides portable mode. Pure: no file is touched except through `exists`. */
export function decidePortableMode(inputs: PortableInputs): PortableDecision {
  const pathApi = inputs.platform === 'win32' ? path.win32 : path.posix;
  // electron-builder's Windows "portable" target unpacks itself to a temporary folder and
  // runs from there; it sets this variable to the folder of the .exe the user started.
  const windowsPortableDir = inputs.env.PORTABLE_EXECUTABLE_DIR;
  if (windowsPortableDir) {
    return {
      portable: true,
      appFolder: windowsPortableDir,
      dataFolder: pathApi.join(windowsPortableDir, PORTABLE_DATA_FOLDER),
      reason: { kind: 'windows-portable-target' },
    };
  }
  const appFolder = visibleAppFolder(inputs);
  const marker = pathApi.join(appFolder, PORTABLE_MARKER);
  if (!inputs.exists(marker)) return { portable: false };
  return {
    portable: true,
    appFolder,
    dataFolder: pathApi.join(appFolder, PORTABLE_DATA_FOLDER),
    reason: { kind: 'marker', file: marker },
  };
}

/**
 * Creates the data folder and proves it takes writes (a read-only stick, a locked folder,
 * a file in the way). Returns null when usable, else the reason. Touches only `dataFolder`.
 */
export function probeWritableFolder(dataFolder: string): string | null {
  const probe = path.join(dataFolder, `.write-test-${process.pid}`);
  try {
    mkdirSync(dataFolder, { recursive: true });
    writeFileSync(probe, 'archivo');
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The slice of Electron's `app` that portable mode needs (structural, so tests need no Electron). */
export interface AppPathSetter {
  setPath(name: 'userData' | 'sessionData' | 'crashDumps', value: string): void;
}

export type PortableOutcome =
  | { mode: 'normal' }
  | { mode: 'portable'; dataFolder: string }
  /** Portable was asked for but the folder beside the app is not writable: normal per-user folder. */
  | { mode: 'fallback'; dataFolder: string; problem: string };

/**
 * Applies the decision to Electron's paths. Must run before `ready` (and before anything
 * reads `app.getPath('userData')`): Chromium creates its profile in sessionData at start.
 */
export function applyPortableMode(
  app: AppPathSetter,
  inputs: PortableInputs,
  probe: (folder: string) => string | null = probeWritableFolder,
): PortableOutcome {
  const decision = decidePortableMode(inputs);
  if (!decision.portable) return { mode: 'normal' };
  const problem = probe(decision.dataFolder);
  if (problem !== null) return { mode: 'fallback', dataFolder: decision.dataFolder, problem };
  app.setPath('userData', decision.dataFolder);
  // sessionData and crashDumps default to userData-derived folders, but only if nothing read
  // them yet; set both explicitly so Chromium's profile never lands in the per-user folder.
  app.setPath('sessionData', decision.dataFolder);
  app.setPath('crashDumps', path.join(decision.dataFolder, 'Crashpad'));
  return { mode: 'portable', dataFolder: decision.dataFolder };
}

/** The dialog shown (after `ready`) when portable mode could not be used. Spanish first, like the rest of the shell. */
export function portableFallbackMessage(
  outcome: Extract<PortableOutcome, { mode: 'fallback' }>,
  normalFolder: string,
): { title: string; message: string; detail: string } {
  return {
    title: 'Modo portátil no disponible / Portable mode unavailable',
    message: 'No se puede escribir en la carpeta junto a la aplicación. / The folder beside the app is not writable.',
    detail: [
      `Carpeta / Folder: ${outcome.dataFolder}`,
      `Motivo / Reason: ${outcome.problem}`,
      '',
      `Sus notas y ajustes se guardan en esta computadora / Your notes and settings are kept on this computer: ${normalFolder}`,
      '¿Es una memoria USB de solo lectura? / Is it a read-only USB stick?',
    ].join('\n'),
  };
}
