import type { ArchiveStatus } from '../../src-main/common/api';
import type { OwnerRoute, OwnerRoutesHeader } from '../../src-main/common/owner-routes';

/** The server's header (typed by the contract: a different name fails to compile). */
const OWNER_ROUTES_HEADER: OwnerRoutesHeader = 'X-Archive-Owner-Routes';

const KNOWN_ROUTES: readonly OwnerRoute[] = ['annotations', 'packs'];

/** The server's first status answer, and the owner routes it names (null: it did not say). */
export interface FirstStatus {
  routes: ReadonlySet<OwnerRoute> | null;
  /** The parsed body, for the app's first status() (null when the request failed). */
  status: ArchiveStatus | null;
}

/**
 * The owner routes (annotations, packs) this page may use, as the server's status answer names
 * them; null when it does not say (an older server, or no answer at all). A page of a server
 * shared on a network learns here that it has none, and so never asks for them.
 */
export async function fetchFirstStatus(base: string): Promise<FirstStatus> {
  try {
    const response = await fetch(new URL('api/status', base).toString(), {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) return { routes: null, status: null };
    const named = response.headers.get(OWNER_ROUTES_HEADER);
    const status = (await response.json()) as ArchiveStatus;
    if (named === null) return { routes: null, status };
    const listed = named.split(',').map((route) => route.trim());
    return { routes: new Set(KNOWN_ROUTES.filter((route) => listed.includes(route))), status };
  } catch {
    return { routes: null, status: null };
  }
}
