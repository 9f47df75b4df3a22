import type { Annotation } from '../../src-main/common/annotations';
import { compareText } from './collator';

/** Every tag the annotations use, once each and sorted: the Notes view's filter and the editor's completion. */
export function tagsInUse(annotations: readonly Annotation[]): string[] {
  return [...new Set(annotations.flatMap((annotation) => annotation.tags))].sort(compareText);
}
