import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { Annotation } from '../../src-main/common/annotations';
import type { AnnotationsState } from '../app/use-annotations-state';
import type { Route } from '../lib/route';
import { LazyCollectionsView, LazyEncryptionSettings, LazyNotesView, LazyView } from './lazy-views';

export interface UserDataViewsProps {
  route: Route;
  api: ArchiveApi;
  userData: AnnotationsState;
  onOpenAnnotation: (annotation: Annotation) => void;
}

/**
 * The views of the user's own data, when the route names one: collections (one open or all) and
 * the notes with their encryption settings. Where annotations are off (a transport without user
 * data), the collections view says why instead of showing nothing.
 */
export function UserDataViews({ route, api, userData, onOpenAnnotation }: UserDataViewsProps) {
  const { t } = useTranslation();
  const { notesApi, activity, notesLock } = userData;
  if (route.view === 'collections' || route.view === 'collection') {
    if (notesApi)
      return (
        <LazyView>
          <LazyCollectionsView
            api={api}
            notesApi={notesApi}
            activity={activity}
            selectedId={route.view === 'collection' ? route.id : null}
          />
        </LazyView>
      );
    return userData.off ? (
      <p className="app-status" role="note">
        {t('collect.unavailable')}
      </p>
    ) : null;
  }
  if (route.view === 'notes' && notesApi)
    return (
      // One column: the notes, then their encryption settings (the body is a flex row).
      <div className="notes-page">
        <LazyView>
          <LazyNotesView api={api} notesApi={notesApi} onOpen={onOpenAnnotation} />
          <LazyEncryptionSettings notesApi={notesApi} lock={notesLock} />
        </LazyView>
      </div>
    );
  return null;
}
