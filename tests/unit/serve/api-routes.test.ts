import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpRouteTable, type HttpRoute } from '../../../src-main/common/http-routes';
import { createApiRouter } from '../../../src-main/serve/api-router';
import { createHttpArchiveApi } from '../../../src-renderer/api/http-client';

/**
 * Browser mode's routes come from the method table alone: the server's router and the page's
 * client are checked here against every route of the table, so an entry added to the table is
 * routed and called with no code of its own.
 */
const table = httpRouteTable();
const routes = Object.entries(table) as [string, HttpRoute][];
const verbOf = (route: HttpRoute) =>
  route.kind === 'delete-id' ? 'DELETE' : route.kind.startsWith('get') ? 'GET' : 'POST';
const pathOf = (route: HttpRoute) => (route.path.endsWith('/') ? `${route.path}some-id` : route.path);

describe('the HTTP routes of the method table', () => {
  it('carries the methods the page and the server share, with their bindings', () => {
    expect(table.search).toEqual({ kind: 'get-query', path: '/api/search', group: 'archive' });
    expect(table.getDocument).toEqual({ kind: 'get-id', path: '/api/documents/', group: 'archive' });
    expect(table.listBackups).toEqual({
      kind: 'post-args',
      path: '/api/annotations/listBackups',
      group: 'annotations',
    });
    expect(table.removeArchive).toEqual({ kind: 'delete-id', path: '/api/packs/', group: 'packs' });
    // Electron-only methods have no route.
    expect(Object.hasOwn(table, 'openExternal')).toBe(false);
    expect(Object.hasOwn(table, 'chooseAndInstall')).toBe(false);
  });

  it('routes every method of the table to itself, and answers a wrong verb with what the path takes', () => {
    const route = createApiRouter(table);
    for (const [name, binding] of routes) {
      const match = route(verbOf(binding), pathOf(binding));
      expect(match.found === 'method' ? match.name : match.found, name).toBe(name);
    }
    expect(route('HEAD', '/api/status')).toMatchObject({ found: 'method', name: 'status' });
    // A search is a GET with its request in the query string, or a POST when too long for a URL.
    expect(route('POST', '/api/search')).toMatchObject({ found: 'method', name: 'search' });
    expect(route('PUT', '/api/search')).toEqual({ found: 'wrong-verb', allow: 'GET, HEAD, POST' });
    expect(route('POST', '/api/status')).toEqual({ found: 'wrong-verb', allow: 'GET, HEAD' });
    expect(route('GET', '/api/packs/x')).toEqual({ found: 'wrong-verb', allow: 'DELETE' });
    expect(route('GET', '/api/annotations/noSuchMethod')).toEqual({ found: 'none' });
    expect(route('GET', '/index.html')).toEqual({ found: 'none' });
  });

  it('gives the page a function for every callable method of the table, in its group', () => {
    const api = createHttpArchiveApi('http://127.0.0.1:1/', table, { packs: true });
    const groups: Record<string, object | undefined> = { archive: api, annotations: api.annotations, packs: api.packs };
    for (const [name, binding] of routes) {
      const callable = binding.kind !== 'upload' && binding.kind !== 'get-bytes';
      const group = groups[binding.group];
      expect(group && typeof (group as Record<string, unknown>)[name], name).toBe(callable ? 'function' : 'undefined');
    }
    expect(api.assetUrl('ab/c')).toBe('http://127.0.0.1:1/api/assets/ab%2Fc');
    expect(typeof api.packs?.installFile).toBe('function');
  });

  describe('a get-query call (search)', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    /** The page's search through a fetch that records what it was asked and answers an empty result. */
    async function sentSearch(request: Parameters<ReturnType<typeof createHttpArchiveApi>['search']>[0]) {
      const fetched: { url: string; init: RequestInit | undefined }[] = [];
      vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
        fetched.push({ url, init });
        return Promise.resolve(new Response(JSON.stringify({ total: 0, hits: [] }), { status: 200 }));
      });
      await createHttpArchiveApi('http://archivo.lan:8080/', table).search(request);
      return fetched;
    }

    it('sends a typed search as a GET with each field JSON in the query string, and no header', async () => {
      const [sent] = await sentSearch({
        query: 'agua 5',
        sort: 'relevance',
        limit: 5,
        facets: false,
        offset: undefined,
      });
      expect(sent?.init?.method).toBeUndefined();
      expect(sent?.init?.body).toBeUndefined();
      expect(sent?.init?.headers).toEqual({});
      const url = new URL(sent?.url ?? '');
      expect(url.pathname).toBe('/api/search');
      expect([...url.searchParams]).toEqual([
        ['query', '"agua 5"'],
        ['sort', '"relevance"'],
        ['limit', '5'],
        ['facets', 'false'],
      ]);
    });

    it('sends a search too long for a URL as a POST of its JSON', async () => {
      const request = { query: 'vigilancia '.repeat(200), limit: 15 };
      const [sent] = await sentSearch(request);
      expect(sent?.url).toBe('http://archivo.lan:8080/api/search');
      expect(sent?.init?.method).toBe('POST');
      const body = sent?.init?.body;
      expect(typeof body === 'string' ? JSON.parse(body) : body).toEqual(request);
    });
  });
});
