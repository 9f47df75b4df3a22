import type { Archive } from '../store/archive';

/** The part of an open corpus that annotations need: a document's text and content hash. */
export type DocumentSource = Pick<Archive, 'getDocument'>;
