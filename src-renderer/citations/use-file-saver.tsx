import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import { describeError } from '../lib/errors';
import { saveTextFile } from './save-text-file';

/** One line under the buttons: what the last copy or save did. */
export interface StatusLine {
  text: string;
  error: boolean;
}

/** Saves a file the dialog wrote and words the outcome (saved, downloaded, failed) in the UI's language. */
export function useFileSaver(api: ArchiveApi) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StatusLine | null>(null);
  const save = async (write: () => Promise<{ content: string; mime: string; fileName: string }>) => {
    setStatus({ text: t('cite.working'), error: false });
    try {
      const outcome = await saveTextFile(api, await write());
      if (outcome.kind === 'saved') setStatus({ text: t('cite.saved', { path: outcome.path }), error: false });
      else if (outcome.kind === 'downloaded')
        setStatus({ text: t('cite.downloaded', { file: outcome.fileName }), error: false });
      else setStatus(null);
    } catch (error) {
      setStatus({ text: t('cite.failed', { message: describeError(error, t) }), error: true });
    }
  };
  return { status, setStatus, save };
}

export function StatusText({ status, testId }: { status: StatusLine | null; testId: string }) {
  return (
    <p className="cite-status" role={status?.error ? 'alert' : 'status'} data-testid={testId}>
      {status?.text ?? ''}
    </p>
  );
}
