import { useTranslation } from 'react-i18next';
import type { UserDataStatus } from '../../src-main/common/api';
import type { CorpusProblem } from '../../src-main/common/library';
import type { LibraryState } from '../lib/use-library';
import { describeBackup } from '../lib/backup-name';
import { LibraryMessageBanner } from './LibraryView';

interface AppBannersProps {
  problems: CorpusProblem[] | undefined;
  library: LibraryState;
  userDataStatus: UserDataStatus | null;
}

/** The lines above every view: archives that could not be opened, pack messages, the notes' recovery. */
export function AppBanners({ problems, library, userDataStatus }: AppBannersProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {problems && problems.length > 0 && (
        <div className="banner" role="status" data-testid="archive-problems-banner">
          {t('library.problemsBanner', {
            count: problems.length,
            names: problems.map((problem) => problem.path.split(/[\\/]/).pop() ?? problem.path).join(', '),
          })}
        </div>
      )}
      <LibraryMessageBanner library={library} />
      {userDataStatus?.recovered && (
        <div className="banner" role="alert" data-testid="recovered-banner">
          {userDataStatus.recovered.from
            ? t('notes.recoveredFrom', {
                from: describeBackup(userDataStatus.recovered.from, i18n.language),
                kept: userDataStatus.recovered.corruptFileKeptAt,
              })
            : t('notes.recoveredFresh', { kept: userDataStatus.recovered.corruptFileKeptAt })}
        </div>
      )}
      {userDataStatus?.backupError && (
        <div className="banner" role="status">
          {t('notes.backupFailed', { message: userDataStatus.backupError })}
        </div>
      )}
    </>
  );
}
