import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { SearchHit, SearchRequest } from '../../src-main/common/types';
import { Dialog } from '../components/Dialog';
import { describeError } from '../lib/errors';
import { fileNameFor, loadCslItems, MAX_CITED_DOCUMENTS } from './citation-source';
import { CITATION_FILE_LABELS, FILE_FORMATS, writeCitationFile } from './labels';
import { resultsCsv } from './results-csv';
import { StatusText, useFileSaver } from './use-file-saver';
import { FormatButtons } from './FormatButtons';
import type { CitationFileFormat } from './format-citations';

type ExportFormat = 'csv' | CitationFileFormat;

/**
 * "Export results" beside the result list: the current list (up to 1000 documents), all ticked,
 * any of them can be unticked, then saved as CSV (for a spreadsheet) or as BibTeX, RIS or CSL-JSON
 * (for a reference manager). Each row carries the document's permanent link.
 */
export function ExportResultsButton(props: { api: ArchiveApi; request: SearchRequest; title: string }) {
  const { t } = useTranslation();
  const [list, setList] = useState<{ hits: SearchHit[]; total: number } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { status, setStatus, save } = useFileSaver(props.api);

  const open = async () => {
    setStatus(null);
    try {
      const response = await props.api.search({ ...props.request, offset: 0, limit: MAX_CITED_DOCUMENTS });
      setList({ hits: response.hits, total: response.total });
      setSelected(new Set(response.hits.map((hit) => hit.id)));
    } catch (error) {
      setStatus({ text: t('cite.failed', { message: describeError(error, t) }), error: true });
    }
  };
  const close = () => {
    setList(null);
  };
  const toggle = (id: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const exportAs = (format: ExportFormat) =>
    save(async () => {
      const ids = (list?.hits ?? []).map((hit) => hit.id).filter((id) => selected.has(id));
      const items = await loadCslItems(props.api, ids);
      const nameFor = (extension: string) => fileNameFor(props.title, extension);
      if (format === 'csv') return { content: resultsCsv(items), mime: 'text/csv', fileName: nameFor('csv') };
      return writeCitationFile(items, format, nameFor);
    });

  const formats: readonly ExportFormat[] = ['csv', ...FILE_FORMATS];
  return (
    <>
      <button
        type="button"
        className="button button-quiet tap-target"
        data-testid="export-results"
        onClick={() => void open()}
      >
        {t('cite.exportResults')}
      </button>
      {list === null && status?.error && <StatusText status={status} testId="export-results-status" />}
      <Dialog
        open={list !== null}
        title={t('cite.exportTitle', { count: list?.total ?? 0 })}
        onClose={close}
        closeLabel={t('cite.close')}
      >
        {list && (
          <div className="cite-dialog" data-testid="export-results-dialog">
            {list.total > list.hits.length && (
              <p>{t('cite.exportCapped', { shown: list.hits.length, total: list.total })}</p>
            )}
            <fieldset className="cite-selection">
              <legend>
                {t('cite.selection')} ({t('cite.selected', { count: selected.size })})
              </legend>
              <div className="cite-selection-actions">
                <button
                  type="button"
                  className="button button-quiet tap-target"
                  onClick={() => {
                    setSelected(new Set(list.hits.map((hit) => hit.id)));
                  }}
                >
                  {t('cite.selectAll')}
                </button>
                <button
                  type="button"
                  className="button button-quiet tap-target"
                  onClick={() => {
                    setSelected(new Set());
                  }}
                >
                  {t('cite.selectNone')}
                </button>
              </div>
              <ul className="cite-selection-list">
                {list.hits.map((hit) => (
                  <li key={hit.id} data-document-id={hit.id}>
                    <label className="tap-target">
                      <input
                        type="checkbox"
                        checked={selected.has(hit.id)}
                        onChange={() => {
                          toggle(hit.id);
                        }}
                      />{' '}
                      {hit.title}
                      {hit.date ? ` (${hit.date})` : ''}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <FormatButtons
              label={t('cite.exportAs')}
              formats={formats}
              formatLabel={(format) => (format === 'csv' ? 'CSV' : CITATION_FILE_LABELS[format])}
              testIdPrefix="export-results-"
              disabled={selected.size === 0}
              onChoose={(format) => void exportAs(format)}
            />
            <StatusText status={status} testId="export-results-status" />
          </div>
        )}
      </Dialog>
    </>
  );
}
