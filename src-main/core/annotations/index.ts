/**
 * The annotations core's public surface, for the transport (IPC / HTTP) and the Electron shell.
 * Every function is synchronous except opening the user data and taking/restoring backups.
 */
export { openUserData, type OpenUserDataOptions, type UserData } from '../userdata/user-data';
export { BACKUPS_KEPT } from '../userdata/backups';
export {
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  listDocumentAnnotations,
  moveAnnotation,
  restoreAnnotation,
  updateAnnotation,
} from './annotations';
export { searchAnnotations } from './search';
export { reanchorAll, placeAnnotation } from './reanchor';
export { anchor, type AnchorResult, type AnchorSelectors } from './anchoring/anchor';
export { describe as describeSpan, CONTEXT_LENGTH } from './anchoring/describe';
export { MIN_SIMILARITY } from './anchoring/approximate-quote';
export { exportAnnotations, type AnnotationExport, type ExportOptions } from './exchange/export';
export { ENGLISH_MARKDOWN_LABELS, type MarkdownLabels } from './exchange/markdown-export';
export { importAnnotations, importAnnotationsFile } from './exchange/import';
export { MAX_IMPORT_BYTES } from './exchange/safe-json';
export { MAX_NOTE_LENGTH, MAX_TAGS, MAX_TAG_LENGTH } from './validate';
export type { DocumentSource } from './document-source';
