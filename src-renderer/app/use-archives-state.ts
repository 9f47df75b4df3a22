import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import { useLibrary, type LibraryState } from '../lib/use-library';

export interface ArchivesState {
  library: LibraryState;
  /** Names for the archive facet and the result rows, only when there is more than one archive. */
  archiveNames: Record<string, string> | null;
}

/** The library of archives (bundled corpus and installed packs) and what the search view shows of it. */
export function useArchivesState(api: ArchiveApi, ready: boolean, t: TFunction): ArchivesState {
  const library = useLibrary(api, ready, t);
  // Memoised: a new object each render would re-render the memoised list and facets on every key.
  const archiveNames = useMemo(
    () =>
      library.archives.length > 1
        ? Object.fromEntries(library.archives.map((archive) => [archive.id, archive.name]))
        : null,
    [library.archives],
  );
  return { library, archiveNames };
}
