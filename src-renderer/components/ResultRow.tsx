import { Fragment, memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SearchHit } from '../../src-main/common/types';
import { formatIsoDate } from '../lib/format';
import { snippetParts } from '../lib/snippet-parts';

/**
 * What a row shows. Memoised apart from the row's link, which the virtualiser positions: when it
 * measures the rows of a new answer (their real height differs from the estimate) it renders the
 * list again at once to move them, and only the links' offsets change then. A new answer's hit
 * that draws the same as the one shown (the same document and snippet: the whole first page after
 * the first screen's rows, a word typed that keeps a row) is not rendered again either. The
 * strings come from the list (`t`, `language`): a `useTranslation` per row costs its
 * subscription and wrapper on every render, about 0.1 ms each on a phone at 4×.
 */
export const ResultRowContent = memo(function ResultRowContent({
  hit,
  typeLabel,
  annotationCount,
  archiveName,
  onCollectHit,
  t,
  language,
}: RowContentProps) {
  const people = hit.type === 'letter' && hit.signatories.length > 0 ? hit.signatories : hit.authors;
  const peopleText = people.length > 0 ? formatPeople(people, t) : null;
  const snippet = useMemo(() => snippetParts(hit.snippet), [hit.snippet]);
  return (
    <>
      <div className="result-head">
        <span className={`type-badge type-${hit.type}`}>{typeLabel}</span>
        <span className="result-title">{hit.title}</span>
        {annotationCount > 0 && <NoteMarker count={annotationCount} />}
        {onCollectHit && <RowCollectControl hit={hit} onCollect={onCollectHit} />}
      </div>
      <div className="result-meta">
        <span className="result-date">{hit.date ? formatIsoDate(hit.date, language) : t('search.undated')}</span>
        {peopleText && (
          <span className="result-people">
            {hit.type === 'letter' && hit.signatories.length > 0
              ? t('search.signedBy', { names: peopleText })
              : t('search.by', { names: peopleText })}
          </span>
        )}
        {archiveName !== null && (
          <span className="result-archive" data-testid="result-archive">
            {t('library.fromArchive', { name: archiveName })}
          </span>
        )}
      </div>
      {/* Text and marks as React nodes: the server's snippet is never parsed as HTML (snippet-parts.ts). */}
      {snippet.length > 0 && (
        <p className="result-snippet">
          {snippet.map((part, index) =>
            part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
          )}
        </p>
      )}
    </>
  );
}, sameRowContent);

interface RowContentProps {
  hit: SearchHit;
  typeLabel: string;
  annotationCount: number;
  /** The archive the row comes from, when the library holds several; null: not shown. */
  archiveName: string | null;
  onCollectHit?: ((hit: SearchHit) => void) | undefined;
  t: TFunction;
  language: string;
}

/** Equal when the row would draw the same: each answer brings new hit objects, often for the same rows. */
function sameRowContent(before: RowContentProps, after: RowContentProps): boolean {
  return (
    sameDrawnHit(before.hit, after.hit) &&
    before.typeLabel === after.typeLabel &&
    before.annotationCount === after.annotationCount &&
    before.archiveName === after.archiveName &&
    before.onCollectHit === after.onCollectHit &&
    before.t === after.t &&
    before.language === after.language
  );
}

/** The fields of a hit that a row draws (or hands to its collector, which reads the id and title). */
export function sameDrawnHit(a: SearchHit, b: SearchHit): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.type === b.type &&
      a.title === b.title &&
      a.date === b.date &&
      a.snippet === b.snippet &&
      sameStrings(a.authors, b.authors) &&
      sameStrings(a.signatories, b.signatories))
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * The row's ＋: a pointer and touch target only. An option may not hold a focusable control
 * (its content is presentational), so the keyboard and screen readers reach the same action
 * through the list's key (described on the list) and the reader's own *Colecciones* button.
 */
function RowCollectControl({ hit, onCollect }: { hit: SearchHit; onCollect: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  return (
    <span
      className="result-collect"
      aria-hidden="true"
      data-testid="result-collect"
      title={t('collect.addRow', { title: hit.title })}
      onClick={(event) => {
        // The row is a link: the ＋ adds, it does not open the document.
        event.preventDefault();
        event.stopPropagation();
        onCollect(hit);
      }}
    >
      {/* Drawn, not a character: the full-width ＋ is missing from many fonts (a box on Debian's Chromium). */}
      <svg className="result-collect-icon" viewBox="0 0 16 16" width="16" height="16" focusable="false">
        <path d="M8 2v12M2 8h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </span>
  );
}

/** "A, B and 8 more": long signatory lists would swamp the row. */
function formatPeople(names: string[], t: TFunction): string {
  const shown = names.slice(0, 2).join(', ');
  return names.length > 2 ? t('search.andMore', { names: shown, count: names.length - 2 }) : shown;
}

/** How many notes the user has on a result's document (rendered only when there are some). */
function NoteMarker({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span
      className="annotation-marker"
      data-testid="annotation-marker"
      aria-label={t('notes.marker', { count })}
      title={t('notes.marker', { count })}
    >
      ✎ {count}
    </span>
  );
}
