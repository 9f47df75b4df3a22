import {
  API_METHOD_NAMES,
  API_METHODS,
  type ApiMethod,
  type ApiMethods,
  type HttpBinding,
  type MethodGroup,
} from './api-methods';

/**
 * Browser mode's routes, read from the method table: the server's router and the page's HTTP
 * client both work from this one table, so a method with an `http` binding is served and called
 * with no code of its own. Plain data (no schemas): the build hands it to the page as a module.
 */

/** The methods browser mode carries over HTTP (those with an `http` binding in the table). */
export type HttpApiMethod = {
  // `http` is optional in the table's type: methods without one have `undefined` there.
  [M in ApiMethod]: [NonNullable<ApiMethods[M]['http']>] extends [never] ? never : M;
}[ApiMethod];

/** One method's route: its binding plus its group (owner-only unless `archive`), and `slow` when the table says so. */
export type HttpRoute<M extends HttpApiMethod = HttpApiMethod> = NonNullable<ApiMethods[M]['http']> & {
  group: ApiMethods[M]['group'];
  slow?: true;
};

export type HttpRouteTable = { readonly [M in HttpApiMethod]: HttpRoute<M> };

/** Owner-only groups (notes, packs): a per-start token, this computer's Host, no foreign Origin. */
export type OwnerGroup = Exclude<MethodGroup, 'archive'>;

/** Bindings a client calls and reads JSON from; uploads and bytes (images) need a File or a URL instead. */
type CallableKind = Exclude<HttpBinding['kind'], 'upload' | 'get-bytes'>;

/** The methods of one group the page's client calls as functions, e.g. every annotation method. */
export type CallableHttpMethodOf<G extends MethodGroup> = {
  [M in HttpApiMethod]: ApiMethods[M]['group'] extends G
    ? NonNullable<ApiMethods[M]['http']>['kind'] extends CallableKind
      ? M
      : never
    : never;
}[HttpApiMethod];

/** The route table as data, in table order (JSON-safe: the UI build embeds it). */
export function httpRouteTable(): HttpRouteTable {
  const table: Record<string, HttpBinding & { group: MethodGroup; slow?: true }> = {};
  for (const name of API_METHOD_NAMES) {
    const spec: { group: MethodGroup; http?: HttpBinding; slow?: true } = API_METHODS[name];
    if (spec.http) table[name] = { ...spec.http, group: spec.group, ...(spec.slow ? { slow: true } : {}) };
  }
  // Complete by construction: the loop copies exactly the methods with a binding, each with its own.
  return table as HttpRouteTable;
}
