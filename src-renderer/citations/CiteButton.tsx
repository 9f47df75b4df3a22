import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import { Dialog } from '../components/Dialog';
import { describeError } from '../lib/errors';
import { useLoaded } from '../lib/use-loaded';
import { fileNameFor, loadCslItems } from './citation-source';
import { copyText } from './copy-text';
import { documentPermalink } from './permalink';
import { StatusText, useFileSaver } from './use-file-saver';
import { FormatButtons } from './FormatButtons';
import { RadioChoice } from './RadioChoice';
import type { CitationFileFormat, CitationLanguage, CitationStyle } from './format-citations';
import { CITATION_FILE_LABELS, CITATION_STYLE_LABELS, FILE_FORMATS, STYLES, writeCitationFile } from './labels';

/** The CSL processor loads on the first citation, not with the page (phones pay for every byte). */
const loadFormatter = () => import('./format-citations');

/** A citation's languages, each named in itself. */
const LANGUAGES: readonly CitationLanguage[] = ['es', 'en'];

/**
 * The reader's "Cite": the document's citation in APA, Chicago or MLA, in Spanish or English,
 * to copy (also over plain http, see copy-text.ts); its permanent link; and the document as a
 * BibTeX, RIS or CSL-JSON file.
 */
export function CiteButton(props: { api: ArchiveApi; documentId: string; title: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [style, setStyle] = useState<CitationStyle>('apa');
  const [language, setLanguage] = useState<CitationLanguage>(i18n.language === 'en' ? 'en' : 'es');
  const { status, setStatus, save } = useFileSaver(props.api);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const permalink = documentPermalink(props.documentId, window.location);

  // Asked each time the dialog opens; a choice of style or language formats the same item again.
  const { api, documentId } = props;
  const source = useLoaded(
    useMemo(
      () =>
        open
          ? async () => {
              const [items, formatter] = await Promise.all([loadCslItems(api, [documentId]), loadFormatter()]);
              return { item: items[0] ?? null, formatter };
            }
          : null,
      [open, api, documentId],
    ),
  );
  const item = source.latest?.item ?? null;
  const formatter = source.latest?.formatter;
  const citation = useMemo(
    () => (item && formatter ? formatter.formatCitation([item], style, language) : ''),
    [item, formatter, style, language],
  );
  const failure = source.error;
  useEffect(() => {
    if (failure !== undefined)
      setStatus({ text: t('cite.failed', { message: describeError(failure, t) }), error: true });
  }, [failure, setStatus, t]);

  const copy = async (text: string, done: string) => {
    const copied = await copyText(text);
    setStatus({ text: copied ? done : t('cite.copyFailed'), error: !copied });
    if (!copied) textRef.current?.select();
  };
  const saveAs = (format: CitationFileFormat) =>
    save(async () => {
      if (!item) throw new Error(t('reader.notFound'));
      return writeCitationFile([item], format, (extension) => fileNameFor(props.title, extension));
    });
  const close = () => {
    setOpen(false);
    setStatus(null);
  };

  return (
    <>
      <button
        type="button"
        className="button tap-target"
        data-testid="cite-document"
        aria-label={t('cite.openLabel')}
        title={t('cite.openLabel')}
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('cite.open')}
      </button>
      <Dialog open={open} title={t('cite.title')} onClose={close} closeLabel={t('cite.close')}>
        <div className="cite-dialog" data-testid="cite-dialog">
          <RadioChoice
            legend={t('cite.style')}
            name="cite-style"
            options={STYLES}
            value={style}
            optionLabel={(option) => CITATION_STYLE_LABELS[option]}
            onChange={setStyle}
          />
          <RadioChoice
            legend={t('cite.language')}
            name="cite-language"
            options={LANGUAGES}
            value={language}
            optionLabel={(option) => (option === 'es' ? 'Español' : 'English')}
            optionLang={(option) => option}
            onChange={setLanguage}
          />
          <label className="cite-field">
            <span>{t('cite.citation')}</span>
            <textarea ref={textRef} readOnly rows={5} value={citation} data-testid="citation-text" lang={language} />
          </label>
          <button
            type="button"
            className="button button-primary tap-target"
            data-testid="copy-citation"
            disabled={citation === ''}
            onClick={() => void copy(citation, t('cite.copied'))}
          >
            {t('cite.copy')}
          </button>
          <label className="cite-field">
            <span>{t('cite.permalink')}</span>
            <input type="text" readOnly value={permalink} data-testid="permalink" />
          </label>
          <button
            type="button"
            className="button tap-target"
            data-testid="copy-permalink"
            onClick={() => void copy(permalink, t('cite.linkCopied'))}
          >
            {t('cite.copyLink')}
          </button>
          <FormatButtons
            label={t('cite.download')}
            formats={FILE_FORMATS}
            formatLabel={(format) => CITATION_FILE_LABELS[format]}
            testIdPrefix="cite-file-"
            disabled={item === null}
            onChoose={(format) => void saveAs(format)}
          />
          <StatusText status={status} testId="cite-status" />
        </div>
      </Dialog>
    </>
  );
}
