import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { Annotation } from '../../src-main/common/annotations';
import type { DocumentRecord } from '../../src-main/common/types';
import { sanitizeDocumentHtml } from '../lib/sanitize';
import { prepareDocumentDom } from '../lib/document-dom';
import { createWordMatcher, highlightSubstring, highlightWords } from '../lib/highlight';
import { wrapTextSpans, type MarkSpec } from '../lib/text-spans';
import { useMarkCursor, type MarkCursor } from './use-mark-cursor';

interface DocumentBodyInputs {
  api: ArchiveApi;
  bodyRef: RefObject<HTMLDivElement | null>;
  document: DocumentRecord | null;
  /** The search's words and phrases, marked as hits. */
  terms: string[];
  phrases: string[];
  /** The find bar's text, marked while the bar is open. */
  find: { open: boolean; text: string };
  annotations: readonly Annotation[];
  selectedId: string | null;
  t: TFunction;
}

export interface DocumentBody {
  hits: MarkCursor;
  finds: MarkCursor;
  /** Each annotation's first mark in the body, to scroll to it. */
  markById: RefObject<Map<string, HTMLElement>>;
}

/** The marks of the annotations placed in the text; the one open in the editor is `selected`. */
function annotationMarks(annotations: readonly Annotation[], selectedId: string | null): MarkSpec[] {
  return annotations.flatMap((annotation) =>
    annotation.target && annotation.state !== 'orphaned'
      ? [
          {
            id: annotation.id,
            start: annotation.target.position.start,
            end: annotation.target.position.end,
            className: `annotation colour-${annotation.colour}${annotation.id === selectedId ? ' selected' : ''}`,
          },
        ]
      : [],
  );
}

/**
 * Renders the document's text into the body with its marks: the search's hits, the find bar's
 * matches and the annotations. Rebuilt from the stored HTML whenever what is marked changes:
 * simpler and safer than unwrapping old marks, and documents are small enough for it to be instant.
 */
export function useDocumentBody(inputs: DocumentBodyInputs): DocumentBody {
  const { api, bodyRef, document, terms, phrases, find, annotations, selectedId, t } = inputs;
  const hits = useMarkCursor();
  const finds = useMarkCursor();
  const markById = useRef<Map<string, HTMLElement>>(new Map());
  const termsKey = JSON.stringify([terms, phrases]);
  // Sanitised once per document: the rebuilds below (notes arriving, a selection, the find bar)
  // clone this fragment instead of running DOMPurify over the whole document again.
  const sanitized = useMemo(() => (document ? sanitizeDocumentHtml(document.html) : null), [document]);
  const { open: findOpen, text: findText } = find;
  // What the marks of the last drawing stood for: drawn again for another reason (notes arriving
  // late, a selection), the same marks keep the reader's place among them.
  const marked = useRef<{ document: DocumentRecord; hits: string; find: string } | null>(null);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !document || !sanitized) return;
    body.replaceChildren(sanitized.cloneNode(true));
    prepareDocumentDom(body, (assetId) => api.assetUrl(assetId), t);
    const matcher = createWordMatcher(terms, phrases);
    const findShown = findOpen && findText.trim() !== '' ? findText : '';
    const before = marked.current?.document === document ? marked.current : null;
    marked.current = { document, hits: termsKey, find: findShown };
    hits.reset(matcher ? highlightWords(body, matcher, 'hit') : [], before?.hits === termsKey);
    finds.reset(findShown ? highlightSubstring(body, findShown, 'find') : [], before?.find === findShown);
    markById.current = wrapTextSpans(body, document.text, annotationMarks(annotations, selectedId));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- termsKey stands for terms and phrases
  }, [
    bodyRef,
    document,
    sanitized,
    termsKey,
    findOpen,
    findText,
    api,
    t,
    hits.reset,
    finds.reset,
    annotations,
    selectedId,
  ]);
  return { hits, finds, markById };
}
