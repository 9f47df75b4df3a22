import type { OwnerRoute, OwnerRoutesHeader } from '../../src-main/common/owner-routes';

/** The server's header (typed by the contract: a different name fails to compile). */
const OWNER_ROUTES_HEADER: OwnerRoutesHeader = 'X-Archive-Owner-Routes';

const KNOWN_ROUTES: readonly OwnerRoute[] = ['annotations', 'packs'];

/**
 * The owner routes (annotations, packs) this page may use, as the server's status answer names
 * them; null when it does not say (an older server, or no answer at all). A page of a server
 * shared on a network learns here that it has none, and so never asks for them.
 */
export async function fetchOwnerRoutes(base: string): Promise<ReadonlySet<OwnerRoute> | null> {
  try {
    const response = await fetch(new URL('api/status', base).toString(), {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const named = response.headers.get(OWNER_ROUTES_HEADER);
    if (!response.ok || named === null) return null;
    const listed = named.split(',').map((route) => route.trim());
    return new Set(KNOWN_ROUTES.filter((route) => listed.includes(route)));
  } catch {
    return null;
  }
}
