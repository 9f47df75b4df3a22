import type { Annotation } from '../../common/annotations';
import { reanchorAll, type DocumentSource, type UserData } from '../annotations/index';
import { belongsToArchive } from './document-ids';

export interface ArchiveAnnotationCounts {
  unchanged: number;
  moved: number;
  orphaned: number;
}

/**
 * After an archive of the library was installed, upgraded or removed: re-anchors the user's
 * annotations (`reanchorAll` retries every orphan and every annotation whose document changed
 * or vanished, so a removed pack's notes become orphans and come back when it returns) and
 * counts the ones on that archive's documents. `moved` = now at another place or over other
 * words than before; `unchanged` = where they were (including ones back from being orphans).
 * Nothing is ever deleted.
 */
export function reanchorArchiveAnnotations(
  userData: UserData,
  archive: DocumentSource,
  archiveId: string,
): ArchiveAnnotationCounts {
  const inArchive = (annotation: Annotation): boolean => belongsToArchive(annotation.documentId, archiveId);
  const before = new Map(
    userData.annotations
      .all()
      .filter(inArchive)
      .map((annotation) => [annotation.id, annotation]),
  );
  reanchorAll(userData, archive);
  const counts: ArchiveAnnotationCounts = { unchanged: 0, moved: 0, orphaned: 0 };
  for (const annotation of userData.annotations.all()) {
    if (!inArchive(annotation)) continue;
    if (annotation.state === 'orphaned') counts.orphaned += 1;
    else if (samePlace(before.get(annotation.id), annotation)) counts.unchanged += 1;
    else counts.moved += 1;
  }
  return counts;
}

function samePlace(before: Annotation | undefined, after: Annotation): boolean {
  if (before === undefined) return false;
  if (before.target === null || after.target === null) return before.target === after.target;
  return (
    before.target.position.start === after.target.position.start &&
    before.target.position.end === after.target.position.end &&
    before.target.quote.exact === after.target.quote.exact
  );
}
