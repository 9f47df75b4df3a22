import type { SearchHit, SearchResponse } from '../../src-main/common/types';
import type { Strings } from '../i18n/en';
import { formatIsoDate } from '../lib/format';
import { formatRoute, type SearchState } from '../lib/route';
import { snippetParts } from '../lib/snippet-parts';

/**
 * Browser mode's first results, written by the page's small entry before the app's code has
 * arrived and run. On a phone over a hotspot the status and the first search are answered about a
 * second before React has compiled and rendered (4× slower CPU: half a second to evaluate the app
 * chunk, as much again to render); the rows are shown as soon as their answer and the strings
 * are here. They are plain links to the documents, drawn with the result list's own classes and
 * roles; the app's first render replaces them (React empties #root), and it renders the same
 * answer at once (the app's first search is answered from this request: prefetched-search.ts).
 */
export function showEarlyResults(
  root: HTMLElement,
  search: SearchState,
  response: SearchResponse,
  strings: Strings,
  language: string,
): void {
  // The app has rendered first (a fast computer): its own rows are already there.
  if (root.childElementCount > 0 || response.hits.length === 0) return;
  const status = element('p', 'app-status');
  status.setAttribute('role', 'status');
  status.textContent = strings.app.loading;
  const list = element('div', 'result-list early-result-list');
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', strings.search.resultList);
  list.setAttribute('aria-busy', 'true');
  response.hits.forEach((hit, index) => {
    list.append(earlyRow(hit, index, response.total, search, strings, language));
  });
  const wrapper = element('div', 'early-results');
  wrapper.append(status, list);
  root.append(wrapper);
}

function earlyRow(
  hit: SearchHit,
  index: number,
  total: number,
  search: SearchState,
  strings: Strings,
  language: string,
): HTMLElement {
  const row = element('a', 'result');
  row.setAttribute('role', 'option');
  row.setAttribute('aria-selected', 'false');
  row.setAttribute('aria-setsize', String(total));
  row.setAttribute('aria-posinset', String(index + 1));
  row.setAttribute('href', formatRoute({ view: 'doc', id: hit.id, search }));
  const head = element('div', 'result-head');
  const badge = element('span', `type-badge type-${hit.type}`);
  badge.textContent = strings.types[hit.type];
  const title = element('span', 'result-title');
  title.textContent = hit.title;
  head.append(badge, title);
  const meta = element('div', 'result-meta');
  const date = element('span', 'result-date');
  date.textContent = hit.date ? formatIsoDate(hit.date, language) : strings.search.undated;
  meta.append(date);
  row.append(head, meta);
  if (hit.snippet) {
    const snippet = element('p', 'result-snippet');
    snippet.append(...snippetNodes(hit.snippet));
    row.append(snippet);
  }
  return row;
}

/** The snippet's text and marks as nodes, as the result list renders them: no HTML is parsed (snippet-parts.ts). */
function snippetNodes(snippet: string): Node[] {
  return snippetParts(snippet).map((part) => {
    if (!part.marked) return document.createTextNode(part.text);
    const mark = document.createElement('mark');
    mark.textContent = part.text;
    return mark;
  });
}

function element(tag: string, className: string): HTMLElement {
  const created = document.createElement(tag);
  created.className = className;
  return created;
}
