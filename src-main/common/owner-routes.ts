/**
 * Browser mode: `/api/status` names, in this response header, the owner routes the asking page
 * may use (comma-separated; empty on a page of a server shared on a network), so the page never
 * asks a route it already knows would answer 404 or 403. The renderer imports only the type
 * (it may run no code from src-main), which makes its copy of the name fail to compile if it drifts.
 */
export type OwnerRoutesHeader = 'X-Archive-Owner-Routes';
export const OWNER_ROUTES_HEADER: OwnerRoutesHeader = 'X-Archive-Owner-Routes';

/** The owner routes a page may be offered. */
export type OwnerRoute = 'annotations' | 'packs';
