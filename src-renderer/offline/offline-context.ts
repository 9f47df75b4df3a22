import { createContext, useContext } from 'react';
import type { OfflineKeeper } from './offline-keeper';

/** The tab's OfflineKeeper in browser mode, null in the Electron app (which reads from disk). */
export const OfflineKeeperContext = createContext<OfflineKeeper | null>(null);

export function useOfflineKeeper(): OfflineKeeper | null {
  return useContext(OfflineKeeperContext);
}
