import { ApiError } from '../../common/errors';
import type { Archive } from '../store/archive';

/**
 * Stands in for a corpus that could not be opened, so a transport can still start and show
 * the start-up screen (the status says what is wrong) instead of exiting or showing nothing.
 * Every call rejects as `Unavailable` with the same sentence; nothing is read or written.
 */
export function unavailableArchive(message: string): Archive {
  const refuse = (): never => {
    throw new ApiError('Unavailable', message);
  };
  return {
    get info() {
      return refuse();
    },
    search: refuse,
    getDocument: refuse,
    getAsset: refuse,
    close: () => undefined,
  };
}
