import type { Archive } from '../store/archive';
import { unavailableArchive } from './unavailable-archive';

/**
 * The library's merged archive for a transport that started with NOTHING open (the bundled
 * corpus broken, no pack): while the library is empty every call is refused as `Unavailable`
 * with `message` (the start-up screen's sentence, as `unavailableArchive` does); once a pack has
 * been installed the same object answers from the library.
 */
export function archiveOnceLibraryHasOne(
  library: { readonly archive: Archive; list(): readonly unknown[] },
  message: string,
): Archive {
  const refused = unavailableArchive(message);
  const current = (): Archive => (library.list().length > 0 ? library.archive : refused);
  return {
    get info() {
      return current().info;
    },
    search: (request) => current().search(request),
    getDocument: (id) => current().getDocument(id),
    getAsset: (id) => current().getAsset(id),
    close: () => library.archive.close(),
  };
}
