import { describe, expect, it, vi } from 'vitest';
import type { LibraryArchive, PackInstallOutcome, PackPublisher } from '../../../src-main/common/library';
import { createPackOpener } from '../../../src-main/main/pack-opener';

const offered: LibraryArchive = {
  id: 'agua',
  kind: 'pack',
  name: 'Agua en México',
  version: '2026.1',
  buildDate: '2026-03-01T10:00:00.000Z',
  schemaVersion: 2,
  documentCount: 1,
};
const stranger: PackPublisher = {
  signature: 'unknown-key',
  name: null,
  keyId: '1E4D43D7FFEC8591',
  fingerprint: '80930 17221 20769 40488 79785',
  trustedComment: 'pack:agua\tversion:2026.1',
};

/** What the library answers for these permissions: an unknown key, then an older version. */
function outcomeFor(options: { allowDowngrade: boolean; allowUntrusted: boolean }): PackInstallOutcome {
  if (!options.allowUntrusted) return { kind: 'confirm-publisher', offered, publisher: stranger };
  if (!options.allowDowngrade)
    return { kind: 'confirm-downgrade', installed: { ...offered, version: '2026.2' }, offered };
  return {
    kind: 'downgraded',
    archive: { ...offered, publisher: stranger },
    previousVersion: '2026.2',
    annotations: { unchanged: 0, moved: 0, orphaned: 0 },
  };
}

describe('pack opener and unknown publishers', () => {
  it('installs the remembered file with allowUntrusted, then asks the next question with both answers kept', async () => {
    const install = vi.fn(
      (_file: string, options: { allowDowngrade: boolean; allowUntrusted: boolean }): Promise<PackInstallOutcome> =>
        Promise.resolve(outcomeFor(options)),
    );
    const choosePackFile = vi.fn((): Promise<string | null> => Promise.resolve('/media/usb/agua-2026.1.archive'));
    const opener = createPackOpener({ install, choosePackFile, notify: vi.fn() });

    expect(await opener.chooseAndInstall({})).toMatchObject({ kind: 'confirm-publisher', publisher: stranger });
    expect((await opener.chooseAndInstall({ allowUntrusted: true }))?.kind).toBe('confirm-downgrade');
    expect((await opener.chooseAndInstall({ allowUntrusted: true, allowDowngrade: true }))?.kind).toBe('downgraded');
    // One dialog for the three calls: the answers apply to the file that asked.
    expect(choosePackFile).toHaveBeenCalledTimes(1);
    expect(install.mock.calls.map(([, options]) => options)).toEqual([
      { allowDowngrade: false, allowUntrusted: false },
      { allowDowngrade: false, allowUntrusted: true },
      { allowDowngrade: true, allowUntrusted: true },
    ]);
  });
});
