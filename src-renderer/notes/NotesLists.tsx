import { useTranslation } from 'react-i18next';
import type { Annotation, BackupInfo } from '../../src-main/common/annotations';

/** One annotation of the Notes view: its document, passage, note, colour, state and tags; opens it in the reader. */
export function NoteRow({
  annotation,
  documentLabel,
  onOpen,
}: {
  annotation: Annotation;
  documentLabel: string;
  onOpen: (annotation: Annotation) => void;
}) {
  const { t } = useTranslation();
  return (
    <li className={`note-row colour-${annotation.colour}`} data-testid="note-row">
      <button
        type="button"
        className="note-row-open"
        onClick={() => {
          onOpen(annotation);
        }}
      >
        <span className="note-row-document">{documentLabel}</span>
        {annotation.target ? (
          <q className="note-row-quote">{annotation.target.quote.exact}</q>
        ) : (
          <em>{t('notes.documentNote')}</em>
        )}
        {annotation.note !== '' && <span className="note-row-note">{annotation.note}</span>}
        <span className="note-row-meta">
          <span
            className={`swatch-dot colour-${annotation.colour}`}
            aria-label={t(`notes.colourName.${annotation.colour}`)}
          />
          {annotation.state !== 'anchored' && (
            <span className="state-badge">{t(`notes.state.${annotation.state}`)}</span>
          )}
          {annotation.tags.map((name) => (
            <span key={name} className="tag-chip">
              #{name}
            </span>
          ))}
        </span>
      </button>
    </li>
  );
}

interface OrphanListProps {
  orphans: readonly Annotation[];
  documentLabel: (id: string) => string;
  onOpen: (annotation: Annotation) => void;
  onDelete: (annotation: Annotation) => void;
}

/** Annotations whose passage was not found again: open one to attach it anew, or delete it. */
export function OrphanList({ orphans, documentLabel, onOpen, onDelete }: OrphanListProps) {
  const { t } = useTranslation();
  if (orphans.length === 0) return null;
  return (
    <section aria-labelledby="orphans-heading">
      <h3 id="orphans-heading">{t('notes.orphans')}</h3>
      <p className="panel-hint">{t('notes.reattachHint')}</p>
      <ol className="notes-list">
        {orphans.map((annotation) => (
          <li key={annotation.id} className="note-row" data-testid="orphan-row">
            <q>{annotation.originalQuote ?? annotation.target?.quote.exact ?? ''}</q> —{' '}
            {documentLabel(annotation.documentId)}{' '}
            <button
              type="button"
              className="button"
              onClick={() => {
                onOpen(annotation);
              }}
            >
              {t('notes.open')}
            </button>{' '}
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                onDelete(annotation);
              }}
            >
              {t('notes.delete')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The automatic backups of the notes: each restores the notes as they were then. */
export function BackupList({
  backups,
  onRestore,
}: {
  backups: readonly BackupInfo[];
  onRestore: (backup: BackupInfo) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="backups-heading">
      <h3 id="backups-heading">{t('notes.backups')}</h3>
      <ul className="backup-list">
        {backups.map((backup) => (
          <li key={backup.name} data-testid="backup-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                onRestore(backup);
              }}
            >
              {t('notes.restore', { date: new Date(backup.createdAt).toLocaleString(i18n.language) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
