import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { ApiErrorPayload } from '../../src-main/common/errors';
import type { LibraryChange, MENU_DOM_EVENTS } from '../../src-main/common/ipc';
import type { LibraryArchive, PackInstallOutcome, PackPublisher } from '../../src-main/common/library';
import { describeError, isPackProblemCode } from './errors';
import { useLatest } from './use-latest';
import { useLoaded } from './use-loaded';

/** What the page says after a library change: a sentence, good news or a refusal. */
export interface LibraryMessage {
  kind: 'success' | 'error';
  text: string;
}

/** What the user allowed for the pack being installed (each question is asked once). */
export interface InstallPermissions {
  allowDowngrade?: boolean;
  allowUntrusted?: boolean;
}

/** Installs the same pack again with more permissions (after the user answered a question). */
type InstallAgain = (permissions: InstallPermissions) => Promise<PackInstallOutcome | null>;

/** An older version waits for the user's word; `confirm` installs it anyway. */
export interface PendingDowngrade {
  installed: LibraryArchive;
  offered: LibraryArchive;
  confirm(): void;
}

/** An unsigned pack or an unknown key waits for the user's word; `confirm` installs it anyway. */
export interface PendingPublisher {
  offered: LibraryArchive;
  publisher: PackPublisher;
  confirm(): void;
}

/** The sentence for an install that happened (not for a question still waiting for an answer). */
export function describeOutcome(
  outcome: Exclude<PackInstallOutcome, { kind: 'confirm-downgrade' | 'confirm-publisher' }>,
  t: TFunction,
): string {
  const { archive, previousVersion, annotations } = outcome;
  if (outcome.kind === 'installed' || previousVersion === null) {
    return t('library.installed', { name: archive.name, version: archive.version, count: archive.documentCount });
  }
  return t(`library.${outcome.kind}`, {
    name: archive.name,
    version: archive.version,
    previous: previousVersion,
    ...annotations,
  });
}

/** A refusal from the main process (a pack opened from the menu or the file manager), worded by its code. */
export function describeRefusal(error: ApiErrorPayload, file: string, t: TFunction): string {
  const fileName = file.split(/[\\/]/).pop() ?? file;
  if (error.name === 'PackRefused' && typeof error.code === 'string' && isPackProblemCode(error.code)) {
    return t('library.refusedFile', { file: fileName, reason: t(`library.refusal.${error.code}`) });
  }
  return describeError(error, t);
}

/** Installs, then settles the outcome (asking the user when needed). */
type Runner = (
  install: () => Promise<PackInstallOutcome | null>,
  again: InstallAgain,
  granted: InstallPermissions,
) => void;

/** The Electron preload's library event (a literal: the renderer imports only types from common). */
const LIBRARY_CHANGED_EVENT: (typeof MENU_DOM_EVENTS)['libraryChanged'] = 'archive:library-changed';

function parseLibraryChange(detail: unknown): LibraryChange | null {
  if (typeof detail !== 'string') return null;
  try {
    const value = JSON.parse(detail) as Partial<LibraryChange>;
    return value.kind === 'outcome' || value.kind === 'refused' ? (value as LibraryChange) : null;
  } catch {
    return null;
  }
}

export interface LibraryState {
  archives: LibraryArchive[];
  /** Bumped after every change of the installed set: searches and facets re-run on it. */
  revision: number;
  busy: boolean;
  message: LibraryMessage | null;
  dismissMessage: () => void;
  pendingDowngrade: PendingDowngrade | null;
  /** Answers the downgrade question (true: install the older version). */
  answerDowngrade(install: boolean): void;
  pendingPublisher: PendingPublisher | null;
  /** Answers the unsigned / unknown publisher question (true: install it anyway). */
  answerPublisher(install: boolean): void;
  /**
   * Why the list of archives could not be read (in words), or null. An empty table alone would
   * tell the user there is nothing installed, which is not what happened.
   */
  listProblem: string | null;
  /** Asks for the list again (after `listProblem`). */
  retryList: () => void;
  /** Present when this transport lets the user install packs. */
  /** A pack file, with its `.minisig` signature when the user picked it too. */
  installFile: ((file: File, signature?: File) => void) | null;
  /** Electron: the native open dialog; null where the page picks files itself. */
  chooseAndInstall: (() => void) | null;
  removeArchive: ((id: string) => Promise<void>) | null;
}

/** No archive listed yet, or the list could not be read (then `listProblem` says why). */
const NO_ARCHIVES: LibraryArchive[] = [];

/**
 * The library of archives as the page sees it: the list, installing (file, dialog, drop),
 * removing, the downgrade question and the sentence that says what happened. Also listens for
 * packs the Electron main process installed on its own (menu, double-click).
 */
export function useLibrary(api: ArchiveApi, ready: boolean, t: TFunction): LibraryState {
  const [revision, setRevision] = useState(0);
  const listed = useLoaded(
    useMemo(() => (ready ? () => api.listArchives() : null), [api, ready]),
    revision,
  );
  const archives = listed.latest ?? NO_ARCHIVES;
  const listProblem = listed.state === 'error' ? describeError(listed.error, t) : null;
  const reloadList = listed.reload;
  const retryList = useCallback(() => void reloadList(), [reloadList]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<LibraryMessage | null>(null);
  const [pendingDowngrade, setPendingDowngrade] = useState<PendingDowngrade | null>(null);
  const [pendingPublisher, setPendingPublisher] = useState<PendingPublisher | null>(null);
  const tRef = useLatest(t);

  /**
   * Shows what an install did; a question (older version, unknown publisher) waits for the user
   * with `confirm` as the way on, which installs again with what was allowed so far plus this.
   */
  const settle = useCallback(
    (outcome: PackInstallOutcome | null, again: InstallAgain, granted: InstallPermissions, onward: Runner) => {
      if (outcome === null) return;
      /** The answer "yes": install again with this permission added to those granted so far. */
      const confirmWith = (added: InstallPermissions) => {
        const next = { ...granted, ...added };
        return () => onward(() => again(next), again, next);
      };
      if (outcome.kind === 'confirm-downgrade') {
        const { installed, offered } = outcome;
        setPendingDowngrade({ installed, offered, confirm: confirmWith({ allowDowngrade: true }) });
        return;
      }
      if (outcome.kind === 'confirm-publisher') {
        const { offered, publisher } = outcome;
        setPendingPublisher({ offered, publisher, confirm: confirmWith({ allowUntrusted: true }) });
        return;
      }
      setMessage({ kind: 'success', text: describeOutcome(outcome, tRef.current) });
      setRevision((n) => n + 1);
    },
    [tRef],
  );

  const run: Runner = useCallback(
    // Named so a confirmed question can run the install again through the same runner.
    function runInstall(install, again, granted) {
      const go = async () => {
        setBusy(true);
        setMessage(null);
        try {
          settle(await install(), again, granted, runInstall);
        } catch (error) {
          setMessage({ kind: 'error', text: describeError(error, tRef.current) });
        } finally {
          setBusy(false);
        }
      };
      void go();
    },
    [settle, tRef],
  );

  const packs = api.packs;
  const installFile = useCallback(
    (file: File, signature?: File) => {
      if (!packs) return;
      const withSignature = signature ? { signature } : {};
      run(
        () => packs.installFile(file, withSignature),
        (permissions) => packs.installFile(file, { ...permissions, ...withSignature }),
        {},
      );
    },
    [packs, run],
  );
  const choose = packs?.chooseAndInstall;
  const chooseAndInstall = useCallback(() => {
    if (!choose) return;
    // The main process remembers the file that needs confirming: a permission installs that one.
    run(
      () => choose(),
      (permissions) => choose(permissions),
      {},
    );
  }, [choose, run]);

  const removeArchive = useCallback(
    async (id: string) => {
      if (!packs) return;
      const name = archives.find((archive) => archive.id === id)?.name ?? id;
      setBusy(true);
      setMessage(null);
      try {
        await packs.removeArchive(id);
        setMessage({ kind: 'success', text: tRef.current('library.removed', { name }) });
        setRevision((n) => n + 1);
      } catch (error) {
        setMessage({ kind: 'error', text: describeError(error, tRef.current) });
      } finally {
        setBusy(false);
      }
    },
    [packs, archives, tRef],
  );

  const answerDowngrade = useCallback(
    (install: boolean) => {
      const pending = pendingDowngrade;
      setPendingDowngrade(null);
      if (install && pending) pending.confirm();
    },
    [pendingDowngrade],
  );

  const answerPublisher = useCallback(
    (install: boolean) => {
      const pending = pendingPublisher;
      setPendingPublisher(null);
      if (install && pending) pending.confirm();
    },
    [pendingPublisher],
  );

  // Packs installed by the Electron main process (menu, double-click, command line).
  useEffect(() => {
    const onChange = (event: Event) => {
      const change = event instanceof CustomEvent ? parseLibraryChange(event.detail) : null;
      if (!change) return;
      if (change.kind === 'refused') {
        setMessage({ kind: 'error', text: describeRefusal(change.error, change.file, tRef.current) });
        return;
      }
      settle(change.outcome, async (permissions) => (choose ? choose(permissions) : null), {}, run);
    };
    window.addEventListener(LIBRARY_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(LIBRARY_CHANGED_EVENT, onChange);
  }, [settle, choose, run, tRef]);

  // One object per change, not per render: memoised views that take it (the pack dialogs) skip the app's renders.
  const hasPacks = packs !== undefined;
  const canChoose = choose !== undefined;
  return useMemo(
    () => ({
      archives,
      revision,
      busy,
      message,
      dismissMessage: () => setMessage(null),
      listProblem,
      retryList,
      pendingDowngrade,
      answerDowngrade,
      pendingPublisher,
      answerPublisher,
      installFile: hasPacks ? installFile : null,
      chooseAndInstall: canChoose ? chooseAndInstall : null,
      removeArchive: hasPacks ? removeArchive : null,
    }),
    [
      archives,
      revision,
      busy,
      message,
      listProblem,
      retryList,
      pendingDowngrade,
      answerDowngrade,
      pendingPublisher,
      answerPublisher,
      hasPacks,
      installFile,
      canChoose,
      chooseAndInstall,
      removeArchive,
    ],
  );
}
