import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../components/IconButton';
import { TEXT_SIZES } from '../lib/preferences';
import type { MarkCursor } from './use-mark-cursor';

interface ReaderToolbarProps {
  backLabel: string;
  onBackToResults: () => void;
  hits: MarkCursor;
  textSizeIndex: number;
  onTextSizeIndexChange: (index: number) => void;
  onFind: () => void;
  /** More reader actions (for example saving the document), placed before Print. */
  extraActions?: ReactNode;
}

/**
 * The reader's toolbar: history, back to the list, the search's hits, text size, find and
 * print. On a phone it sits at the bottom of the screen, within reach of a thumb (styles.css).
 */
export function ReaderToolbar(props: ReaderToolbarProps) {
  const { t } = useTranslation();
  const { hits, textSizeIndex: sizeIndex } = props;
  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('reader.toolbar')} data-testid="reader-toolbar">
      <div className="history-nav" role="group" aria-label={t('reader.history')}>
        <IconButton
          label={t('reader.back')}
          title={`${t('reader.back')} (Alt+←)`}
          onClick={() => {
            window.history.back();
          }}
        >
          ←
        </IconButton>
        <IconButton
          label={t('reader.forward')}
          title={`${t('reader.forward')} (Alt+→)`}
          onClick={() => {
            window.history.forward();
          }}
        >
          →
        </IconButton>
      </div>
      <button type="button" className="button" onClick={props.onBackToResults} title={`${props.backLabel} (Esc)`}>
        {props.backLabel}
      </button>
      <span className="toolbar-spacer" />
      {hits.count > 0 && (
        <div className="hit-nav" role="group" aria-label={t('reader.hits')}>
          <IconButton
            label={t('reader.previousHit')}
            onClick={() => {
              hits.go(-1);
            }}
          >
            ↑
          </IconButton>
          <span className="hit-counter" data-testid="hit-counter" aria-live="polite">
            {t('reader.hitCounter', { current: hits.current >= 0 ? hits.current + 1 : '–', total: hits.count })}
          </span>
          <IconButton
            label={t('reader.nextHit')}
            onClick={() => {
              hits.go(1);
            }}
          >
            ↓
          </IconButton>
        </div>
      )}
      <div className="text-size" role="group" aria-label={t('reader.textSize')}>
        <IconButton
          label={t('reader.textSmaller')}
          disabled={sizeIndex <= 0}
          onClick={() => {
            props.onTextSizeIndexChange(sizeIndex - 1);
          }}
        >
          A−
        </IconButton>
        <IconButton
          label={t('reader.textLarger')}
          disabled={sizeIndex >= TEXT_SIZES.length - 1}
          onClick={() => {
            props.onTextSizeIndexChange(sizeIndex + 1);
          }}
        >
          A+
        </IconButton>
      </div>
      <button
        type="button"
        className="button"
        aria-label={t('reader.find')}
        title={`${t('reader.find')} (Ctrl+F)`}
        onClick={props.onFind}
      >
        {t('reader.findShort')}
      </button>
      {props.extraActions}
      <button
        type="button"
        className="button"
        aria-label={t('reader.print')}
        title={`${t('reader.print')} (Ctrl+P)`}
        data-testid="print-document"
        onClick={() => {
          window.print();
        }}
      >
        {t('reader.printShort')}
      </button>
    </div>
  );
}
