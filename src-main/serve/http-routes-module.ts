import type { Plugin } from 'vite';
import { httpRouteTable } from '../common/http-routes';

/** The module the page imports its HTTP routes from (declared in src-renderer/api/http-routes-module.d.ts). */
export const HTTP_ROUTES_MODULE = 'virtual:archive-http-routes';

/**
 * Vite plugin: hands the page the method table's HTTP routes as plain data at build time. The
 * renderer may import only types from src-main (its code must not pull zod and the schemas into
 * the page), so the table's routes reach it this way: a method added to the table is called by
 * the page's client with no code of its own, and nothing generated is kept in the tree to drift.
 */
export function httpRoutesModule(): Plugin {
  const resolvedId = `\0${HTTP_ROUTES_MODULE}`;
  return {
    name: 'archive-http-routes',
    resolveId: (id) => (id === HTTP_ROUTES_MODULE ? resolvedId : undefined),
    load: (id) => (id === resolvedId ? `export default ${JSON.stringify(httpRouteTable())};\n` : undefined),
  };
}
