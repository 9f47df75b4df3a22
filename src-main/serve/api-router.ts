import type { HttpBinding } from '../common/api-methods';
import type { HttpApiMethod, HttpRoute, HttpRouteTable } from '../common/http-routes';
import { keysOf } from '../common/guards';

/** The HTTP methods each kind of binding answers (GET routes answer HEAD too). */
const VERBS_OF_KIND: Record<HttpBinding['kind'], readonly ('GET' | 'POST' | 'DELETE')[]> = {
  get: ['GET'],
  'get-id': ['GET'],
  'get-bytes': ['GET'],
  'post-args': ['POST'],
  upload: ['POST'],
  'delete-id': ['DELETE'],
  // The argument in the query string, or in a POST body when too long for a URL.
  'get-query': ['GET', 'POST'],
};

/** Kinds whose one argument is the rest of the path (`/api/documents/<id>`). */
const ARGUMENT_IN_PATH: Record<HttpBinding['kind'], boolean> = {
  get: false,
  'get-id': true,
  'get-bytes': true,
  'post-args': false,
  upload: false,
  'delete-id': true,
  'get-query': false,
};

export type RouteMatch =
  /** `segment`: the path after the route's prefix, still percent-encoded ('' for exact routes). */
  | { found: 'method'; name: HttpApiMethod; route: HttpRoute; segment: string }
  /** The path is a route, the HTTP method is not one it takes: 405 with `allow`. */
  | { found: 'wrong-verb'; allow: string }
  | { found: 'none' };

/**
 * Matches a request against the route table (in table order): exact paths for calls without an
 * argument in the path, prefixes for those with one. Nothing here knows any method by name.
 */
export function createApiRouter(table: HttpRouteTable): (verb: string, pathname: string) => RouteMatch {
  // The table's keys are its methods (built by `httpRouteTable`); entries keep table order.
  const routes = keysOf(table).map((name): [HttpApiMethod, HttpRoute] => [name, table[name]]);
  return (verb, pathname) => {
    const allowed = new Set<string>();
    for (const [name, route] of routes) {
      const inPath = ARGUMENT_IN_PATH[route.kind];
      if (inPath ? !pathname.startsWith(route.path) : pathname !== route.path) continue;
      const expected = VERBS_OF_KIND[route.kind];
      if (expected.some((taken) => verb === taken || (taken === 'GET' && verb === 'HEAD'))) {
        return { found: 'method', name, route, segment: inPath ? pathname.slice(route.path.length) : '' };
      }
      for (const taken of expected) allowed.add(taken === 'GET' ? 'GET, HEAD' : taken);
    }
    return allowed.size > 0 ? { found: 'wrong-verb', allow: [...allowed].join(', ') } : { found: 'none' };
  };
}
