import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../src-main/common/types';
import { isPlainClick } from '../lib/plain-click';
import { measureRowWithoutLayout, ROW_ESTIMATE_PX } from './measure-row';
import { ResultRowContent } from './ResultRow';

interface ResultListProps {
  listRef: RefObject<HTMLDivElement | null>;
  hits: SearchHit[];
  total: number;
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  /** Asks for the next page when the user nears the end of what is loaded. */
  onNeedMore: () => void;
  loadingMore: boolean;
  label: string;
  /** How many annotations each listed document carries (absent ids: none). */
  annotationCounts?: Record<string, number>;
  /** Archive id -> name when the library holds several archives: each row says where it comes from. */
  archiveNames?: Record<string, string> | null;
  /** The document's address (`#doc/<id>?q=…`): each row is a real link (new tab, copy link). */
  hrefFor: (hit: SearchHit) => string;
  /** One row's "add to a collection" (its ＋ by pointer or touch; Shift+F10 or the menu key on the active row). */
  onCollectHit?: (hit: SearchHit) => void;
  /** A result the person is likely to open next (pointer over it, or the active row): its document can load early. */
  onPrefetch?: (hit: SearchHit) => void;
}

/** The archive a library document id belongs to: `<packId>~<id>` for packs, plain ids are the bundled corpus's. */
export function archiveIdOf(documentId: string): string {
  const at = documentId.indexOf('~');
  return at === -1 ? 'bundled' : documentId.slice(0, at);
}

const PAGE_JUMP = 8;
/** The next page is asked for when the last row on screen is this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 8;

/**
 * The result list as a listbox: focus stays on the list, arrows move the active option
 * (`aria-activedescendant`), Enter opens it. Rows are virtualised so thousands of hits cost
 * only the few rows on screen; `aria-setsize`/`aria-posinset` tell screen readers the full size.
 * Each option is an `<a href>` to the document (an `option` role a link may take), so "open in a
 * new tab" and "copy link" work; it is out of the tab order (`tabIndex=-1`): the list is one tab
 * stop and the arrows move within it. A plain click opens the document in place.
 */
// Memoised: typing re-renders the app on every key, and the list only changes with its answer.
export const ResultList = memo(function ResultList(props: ResultListProps) {
  const { hits, total, activeIndex, onActiveIndexChange, onOpen, onNeedMore, onPrefetch } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // Looked up once per language, not once per row: each i18next lookup costs about 0.1 ms on a phone at 4×.
  const typeLabels = useMemo(
    (): Record<SearchHit['type'], string> => ({
      article: t('types.article'),
      letter: t('types.letter'),
      other: t('types.other'),
    }),
    [t],
  );
  // TanStack Virtual returns fresh functions by design, which the React Compiler cannot memoise;
  // this app does not run the compiler.
  const virtualizer = useVirtualizer({
    // The virtualiser writes each row's offset and the list's height itself, and renders the list
    // again only when the rows on screen change: a new answer's rows, once measured, are moved
    // without a second render of the list (on a phone at 4× that render delayed them).
    directDomUpdates: true,
    count: hits.length,
    getScrollElement: () => props.listRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    // Rows are measured by the virtualiser's ResizeObserver only, which the browser runs in the
    // frame right after its own layout and before painting; the offsets it then writes are painted
    // in that same frame. Measuring a new row when React attaches it instead forced a layout of the
    // whole page inside the answer's commit (about 10 ms at 4×, traced), which the frame then redid.
    measureElement: measureRowWithoutLayout,
    overscan: 4,
    getItemKey: (index) => hits[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  // The last row actually on screen (the rendered items add overscan rows beyond it): a short
  // first page that fills the screen is not followed at once by a request for the next one.
  const lastOnScreen = virtualizer.range?.endIndex ?? items.at(-1)?.index ?? -1;

  // Checked again when a page has loaded: a scroll to the end while it loaded asked for nothing.
  const { loadingMore } = props;
  useEffect(() => {
    if (!loadingMore && hits.length < total && lastOnScreen >= hits.length - LOAD_AHEAD_ROWS) onNeedMore();
  }, [lastOnScreen, hits.length, total, onNeedMore, loadingMore]);

  // The keyboard's counterpart of a pointer resting on a row: the active row is the likely next open.
  const activeHit = activeIndex >= 0 ? hits[activeIndex] : undefined;
  useEffect(() => {
    if (activeHit) onPrefetch?.(activeHit);
  }, [activeHit, onPrefetch]);

  const previousActive = useRef(activeIndex);
  useEffect(() => {
    if (activeIndex >= 0 && activeIndex !== previousActive.current)
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    previousActive.current = activeIndex;
  }, [activeIndex, virtualizer]);

  const move = (index: number) => {
    if (hits.length === 0) return;
    onActiveIndexChange(Math.max(0, Math.min(hits.length - 1, index)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + PAGE_JUMP),
      PageUp: () => move(activeIndex - PAGE_JUMP),
      Home: () => move(0),
      End: () => move(hits.length - 1),
      Enter: () => {
        const hit = hits[activeIndex];
        if (hit) onOpen(hit);
      },
    };
    const hit = hits[activeIndex];
    if (props.onCollectHit && hit && isCollectKey(event)) {
      event.preventDefault();
      props.onCollectHit(hit);
      return;
    }
    const action = keys[event.key];
    if (action && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      action();
    }
  };

  return (
    <>
      <div
        ref={props.listRef}
        className="result-list"
        role="listbox"
        tabIndex={0}
        aria-label={props.label}
        aria-describedby={props.onCollectHit ? 'result-list-collect-hint' : undefined}
        aria-activedescendant={activeIndex >= 0 && hits[activeIndex] ? `result-${hits[activeIndex].id}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          // Only a keyboard focus activates the first option. A tap or click focuses the list on
          // pointer-down: activating (and scrolling to) the first option then would move the list
          // under the finger, and the release would land on another row, losing the tap.
          if (activeIndex < 0 && hits.length > 0 && event.currentTarget.matches(':focus-visible'))
            onActiveIndexChange(0);
        }}
      >
        {/* Its height and the rows' offsets are written by the virtualiser (`directDomUpdates`), never in JSX. */}
        <div className="result-list-inner" ref={virtualizer.containerRef}>
          {items.map((item) => {
            const hit = hits[item.index];
            if (!hit) return null;
            return (
              <a
                key={item.key}
                id={`result-${hit.id}`}
                ref={virtualizer.measureElement}
                data-index={item.index}
                role="option"
                href={props.hrefFor(hit)}
                tabIndex={-1}
                aria-selected={item.index === activeIndex}
                aria-setsize={total}
                aria-posinset={item.index + 1}
                className={item.index === activeIndex ? 'result active' : 'result'}
                onPointerEnter={() => onPrefetch?.(hit)}
                onClick={(event) => {
                  if (!isPlainClick(event)) return;
                  event.preventDefault();
                  onActiveIndexChange(item.index);
                  onOpen(hit);
                }}
              >
                <ResultRowContent
                  hit={hit}
                  typeLabel={typeLabels[hit.type]}
                  annotationCount={props.annotationCounts?.[hit.id] ?? 0}
                  archiveName={
                    props.archiveNames ? (props.archiveNames[archiveIdOf(hit.id)] ?? archiveIdOf(hit.id)) : null
                  }
                  onCollectHit={props.onCollectHit}
                  t={t}
                  language={language}
                />
              </a>
            );
          })}
        </div>
        {props.loadingMore && <p className="loading-more">{t('search.loadingMore')}</p>}
      </div>
      {/* Outside the listbox: a listbox may own only options (axe: aria-required-children). */}
      {props.onCollectHit && (
        <p id="result-list-collect-hint" className="visually-hidden">
          {t('collect.rowKeyHint')}
        </p>
      )}
    </>
  );
});

/** Shift+F10 and the menu key: the keys that open an item's actions everywhere else. */
function isCollectKey(event: KeyboardEvent<HTMLDivElement>): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}
