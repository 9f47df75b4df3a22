import type { CSSProperties, MouseEvent, RefObject } from 'react';
import type { DocumentRecord } from '../../src-main/common/types';
import { TEXT_SIZES } from '../lib/preferences';
import { DocumentHeader } from './DocumentHeader';
import { extendSelectionByKey } from './body-events';

interface DocumentArticleProps {
  document: DocumentRecord;
  /** The body the reader fills with the document's marked-up text (useDocumentBody). */
  bodyRef: RefObject<HTMLDivElement | null>;
  textSizeIndex: number;
  onBodyClick: (event: MouseEvent<HTMLDivElement>) => void;
  /** The selection may have changed (mouse or keyboard): the highlight toolbar follows it. */
  onSelectionChange: () => void;
}

/** The document: its metadata, then its text, focusable so Shift+arrows can select in it. */
export function DocumentArticle({
  document,
  bodyRef,
  textSizeIndex,
  onBodyClick,
  onSelectionChange,
}: DocumentArticleProps) {
  const textSize: CSSProperties & Record<'--reader-size', string> = {
    '--reader-size': `${TEXT_SIZES[textSizeIndex] ?? 1.125}rem`,
  };
  return (
    <article className="document" style={textSize} lang="es">
      <DocumentHeader document={document} />
      <div
        className="document-body"
        ref={bodyRef}
        tabIndex={0}
        onClick={onBodyClick}
        onKeyDown={(event) => {
          extendSelectionByKey(event, bodyRef.current);
        }}
        onMouseUp={onSelectionChange}
        onKeyUp={onSelectionChange}
        onAuxClick={(event) => {
          event.preventDefault();
        }}
      />
    </article>
  );
}
