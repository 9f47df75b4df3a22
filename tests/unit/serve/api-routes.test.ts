import { describe, expect, it } from 'vitest';
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
    expect(table.search).toEqual({ kind: 'post-body', path: '/api/search', group: 'archive' });
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
    expect(route('GET', '/api/search')).toEqual({ found: 'wrong-verb', allow: 'POST' });
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
});
