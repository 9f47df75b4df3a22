import type { LibraryChange } from '../common/ipc';
import type { PackInstallPermissions } from '../common/api';
import type { PackInstallOutcome } from '../common/library';
import { toApiErrorPayload } from '../core/api/error-payload';

/** The file extension of archive packs (file association, open dialog filter). */
export const PACK_EXTENSION = 'archive';

/**
 * Pack files named on a command line: what the OS passes when a `.archive` file is
 * double-clicked (first start: `process.argv`; app already running: `second-instance` argv).
 * Switches (`--foo`) and anything else are ignored; the pack itself is verified on install.
 */
export function packPathsFromArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(`.${PACK_EXTENSION}`));
}

export interface PackOpenerDeps {
  /** Verifies and installs (the archive worker). Rejects with the refusal. */
  install(filePath: string, options: { allowDowngrade: boolean; allowUntrusted: boolean }): Promise<PackInstallOutcome>;
  /** The native open dialog; resolves with the chosen path or null when cancelled. */
  choosePackFile(): Promise<string | null>;
  /** Tells the page (IPC event) what happened to a pack it did not ask for itself. */
  notify(change: LibraryChange): void;
}

export interface PackOpener {
  /** The page's button: open dialog, then install. See `chooseAndInstall` below for downgrades. */
  chooseAndInstall(options: PackInstallPermissions): Promise<PackInstallOutcome | null>;
  /** A file dropped or picked in the page (its path from the preload). */
  installPath(filePath: string, options: PackInstallPermissions): Promise<PackInstallOutcome>;
  /** File > Open archive pack… in the native menu: the outcome goes to the page as an event. */
  chooseFromMenu(): Promise<void>;
  /** A pack double-clicked or passed on the command line: installed, the outcome sent to the page. */
  installFromShell(filePath: string): Promise<void>;
}

/**
 * Installs packs the user points at from outside the page's own calls (menu, file manager,
 * command line) and from the page's "Open pack…" button.
 *
 * Downgrades and untrusted publishers: an older version, an unsigned pack or one from an
 * unknown key is never installed without the user's word. The page asks in its own language;
 * to answer it calls `chooseAndInstall({ allowDowngrade: true })` (or `allowUntrusted`), which
 * installs the file that needed confirming (remembered here) instead of opening the dialog
 * again. The renderer never names a path itself except for the file the user just dropped.
 */
export function createPackOpener(deps: PackOpenerDeps): PackOpener {
  let awaitingAnswer: string | null = null;
  const permissions = (options: PackInstallPermissions) => ({
    allowDowngrade: options.allowDowngrade === true,
    allowUntrusted: options.allowUntrusted === true,
  });

  const installRemembering = async (filePath: string, options: PackInstallPermissions): Promise<PackInstallOutcome> => {
    const outcome = await deps.install(filePath, permissions(options));
    awaitingAnswer = outcome.kind === 'confirm-downgrade' || outcome.kind === 'confirm-publisher' ? filePath : null;
    return outcome;
  };

  const installAndNotify = async (filePath: string): Promise<void> => {
    try {
      deps.notify({ kind: 'outcome', outcome: await installRemembering(filePath, {}) });
    } catch (error) {
      deps.notify({ kind: 'refused', error: toApiErrorPayload(error), file: filePath });
    }
  };

  return {
    async chooseAndInstall(options) {
      if ((options.allowDowngrade === true || options.allowUntrusted === true) && awaitingAnswer !== null) {
        // The answer to a question may lead to the next one (an unknown key, then an older version).
        return installRemembering(awaitingAnswer, options);
      }
      const chosen = await deps.choosePackFile();
      if (chosen === null) return null;
      return installRemembering(chosen, options);
    },
    async installPath(filePath, options) {
      awaitingAnswer = null;
      return deps.install(filePath, permissions(options));
    },
    async chooseFromMenu() {
      const chosen = await deps.choosePackFile();
      if (chosen !== null) await installAndNotify(chosen);
    },
    installFromShell: installAndNotify,
  };
}

/**
 * Holds page events until the page has loaded (a pack double-clicked to start the app is
 * installed before the window can listen), then delivers them in order.
 */
export function createPageNotifier(send: (change: LibraryChange) => void): {
  notify(change: LibraryChange): void;
  pageLoaded(): void;
} {
  let loaded = false;
  const queued: LibraryChange[] = [];
  return {
    notify(change) {
      if (loaded) send(change);
      else queued.push(change);
    },
    pageLoaded() {
      loaded = true;
      for (const change of queued.splice(0)) send(change);
    },
  };
}
