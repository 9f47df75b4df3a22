import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { SearchRequest } from '../../src-main/common/types';
import { describeError } from '../lib/errors';
import { useOfflineKeeper } from '../offline/offline-context';
import { formatBytes } from '../offline/format-bytes';
import { Dialog } from '../components/Dialog';
import { allHits, estimateBookBytes, MAX_BOOK_BYTES, MAX_BOOK_DOCUMENTS } from './book-plan';
import type { EpubSource } from './write-epub';

/** The writer and its zip library load on the first save, not with the page (phones pay for every byte). */
async function writeAndDownload(...args: Parameters<typeof import('./write-epub').writeEpub>): Promise<string> {
  const { writeEpub, downloadFile } = await import('./write-epub');
  const book = await writeEpub(...args);
  downloadFile(book.bytes, book.fileName);
  return book.fileName;
}

type Progress =
  { state: 'idle' } | { state: 'working' } | { state: 'done'; file: string } | { state: 'failed'; message: string };

function useEpubSource(api: ArchiveApi, notesApi: AnnotationsApi | null): EpubSource {
  const keeper = useOfflineKeeper();
  return { api, notesApi, ...(keeper ? { keptAsset: (id: string) => keeper.keptAsset(id) } : {}) };
}

/** Writing a book and downloading it, with the progress line's state, for both buttons. */
function useBookWriter(api: ArchiveApi, notesApi: AnnotationsApi | null) {
  const { t, i18n } = useTranslation();
  const source = useEpubSource(api, notesApi);
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const write = async (ids: string[], title: string) => {
    setProgress({ state: 'working' });
    try {
      const file = await writeAndDownload(ids, title, source, t, i18n.language);
      setProgress({ state: 'done', file });
    } catch (error) {
      setProgress({ state: 'failed', message: describeError(error, t) });
    }
  };
  return { progress, setProgress, write };
}

function ProgressLine({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  if (progress.state === 'idle') return null;
  return (
    <span className="epub-progress" role={progress.state === 'failed' ? 'alert' : 'status'} data-testid="epub-progress">
      {progress.state === 'working' && t('offline.epubWorking')}
      {progress.state === 'done' && t('offline.epubDone', { file: progress.file })}
      {progress.state === 'failed' && t('offline.epubFailed', { message: progress.message })}
    </span>
  );
}

/** The reader's "Save for offline reading": this document (with its images and notes) as an EPUB book. */
export function SaveDocumentEpubButton(props: {
  api: ArchiveApi;
  notesApi: AnnotationsApi | null;
  documentId: string;
  title: string;
}) {
  const { t } = useTranslation();
  const { progress, write } = useBookWriter(props.api, props.notesApi);
  return (
    <>
      <button
        type="button"
        className="button tap-target"
        data-testid="save-epub"
        title={t('offline.saveEpubDocument')}
        aria-label={t('offline.saveEpubDocument')}
        disabled={progress.state === 'working'}
        onClick={() => void write([props.documentId], props.title)}
      >
        {t('offline.saveEpub')}
      </button>
      <ProgressLine progress={progress} />
    </>
  );
}

interface SaveResultsProps {
  api: ArchiveApi;
  notesApi: AnnotationsApi | null;
  request: SearchRequest;
  /** The book's title: the query, or the archive's name for the whole library. */
  title: string;
  /** The empty query: the list is the whole archive. */
  wholeArchive: boolean;
}

/**
 * "Save for offline reading" for a result list (or, with the empty query, the whole archive):
 * first shows how large the book would be, and offers it only when it fits.
 */
export function SaveResultsEpubButton(props: SaveResultsProps) {
  const { t, i18n } = useTranslation();
  const { progress, setProgress, write } = useBookWriter(props.api, props.notesApi);
  const [plan, setPlan] = useState<{ ids: string[]; total: number; bytes: number } | null>(null);
  const open = async () => {
    setProgress({ state: 'idle' });
    try {
      const { hits, total } = await allHits(props.api, props.request);
      setPlan({ ids: hits.map((hit) => hit.id), total, bytes: estimateBookBytes(hits) });
    } catch (error) {
      setProgress({ state: 'failed', message: describeError(error, t) });
    }
  };
  const tooLarge = plan !== null && (plan.total > MAX_BOOK_DOCUMENTS || plan.bytes > MAX_BOOK_BYTES);
  const label = props.wholeArchive
    ? t('offline.saveEpubArchive')
    : t('offline.saveEpubResults', { count: plan?.total ?? 0 });
  const close = () => {
    setPlan(null);
  };
  const save = async () => {
    if (plan) await write(plan.ids, props.title);
  };
  return (
    <>
      <button
        type="button"
        className="button button-quiet tap-target"
        data-testid="save-results-epub"
        onClick={() => void open()}
      >
        {t('offline.saveEpub')}
      </button>
      <Dialog
        open={plan !== null}
        title={label}
        onClose={close}
        closeLabel={t('about.close')}
        actions={
          <button
            type="button"
            className="button button-primary tap-target"
            data-testid="save-results-epub-confirm"
            disabled={tooLarge || progress.state === 'working' || plan?.ids.length === 0}
            onClick={() => void save()}
          >
            {t('offline.saveEpub')}
          </button>
        }
      >
        {plan && (
          <p data-testid="epub-size">
            {tooLarge
              ? t('offline.epubTooLarge', {
                  size: formatBytes(plan.bytes, i18n.language),
                  limit: formatBytes(MAX_BOOK_BYTES, i18n.language),
                })
              : t('offline.epubSize', { size: formatBytes(plan.bytes, i18n.language) })}
          </p>
        )}
        <ProgressLine progress={progress} />
      </Dialog>
      {plan === null && <ProgressLine progress={progress} />}
    </>
  );
}
