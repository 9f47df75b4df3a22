/**
 * Annotations (highlights, notes, tags) as the UI and every transport see them.
 * Modelled on the W3C Web Annotation Data Model: a target document named by id and
 * content hash, addressed by a TextQuoteSelector plus a TextPositionSelector over the
 * document's plain text (`DocumentRecord.text`).
 *
 * OFFSETS: every `start`/`end` here counts UTF-16 code units, exactly like JavaScript
 * string indices (`text.slice(start, end)`), NOT Unicode code points and NOT bytes.
 * An offset never falls between the two halves of a surrogate pair.
 */
import type { DocumentSummary } from './types';

// Each list is a tuple (`as const`) so zod's `z.enum` and the `isOneOf` guards take it as it is.
export const ANNOTATION_MOTIVATIONS = ['highlighting', 'commenting', 'tagging'] as const;
export type AnnotationMotivation = (typeof ANNOTATION_MOTIVATIONS)[number];

export const ANNOTATION_COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type AnnotationColour = (typeof ANNOTATION_COLOURS)[number];

/**
 * - `anchored`: found where it was stored;
 * - `moved`: re-anchored at a different position (or to slightly different words) after the
 *   document changed; `originalQuote` keeps what was first highlighted;
 * - `orphaned`: its passage or its document is gone. Kept, shown, never silently re-attached.
 */
export const ANCHOR_STATES = ['anchored', 'moved', 'orphaned'] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  /** Up to 32 code units of text just before `exact` ('' at the start of the document). */
  prefix: string;
  /** Up to 32 code units of text just after `exact` ('' at the end of the document). */
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** UTF-16 code unit offsets into the document's plain text; `end` exclusive. */
  start: number;
  end: number;
}

/** Where in the document an annotation points. Absent (null) for a note about the whole document. */
export interface AnnotationSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface Annotation {
  /** `crypto.randomUUID()`; exported as `urn:uuid:<id>`. */
  id: string;
  /** ISO 8601 timestamps (UTC, milliseconds). */
  created: string;
  modified: string;
  motivation: AnnotationMotivation;
  /** Corpus document id (`DocumentSummary.id`). */
  documentId: string;
  /** `DocumentRecord.sha256` of the document text the selectors were last anchored in. */
  documentSha256: string;
  /** null: a document-level note. */
  target: AnnotationSelectors | null;
  /** The quote as first highlighted, when re-anchoring changed the words; else null. */
  originalQuote: string | null;
  /** Multi-line plain text; line breaks are kept as written. '' when there is no note. */
  note: string;
  tags: string[];
  colour: AnnotationColour;
  state: AnchorState;
  /** 0..1: how closely the passage matched at the last anchoring (1 = exact quote). */
  similarity: number;
}

/** What the UI sends to create an annotation. Omit `start`/`end` for a document-level note. */
export interface NewAnnotation {
  documentId: string;
  start?: number;
  end?: number;
  motivation?: AnnotationMotivation;
  note?: string;
  tags?: string[];
  colour?: AnnotationColour;
}

/** Fields the user can change later; omitted fields stay as they are. */
export interface AnnotationChanges {
  note?: string;
  tags?: string[];
  colour?: AnnotationColour;
  motivation?: AnnotationMotivation;
}

export interface AnnotationQuery {
  /** Words searched in quotes, notes and tags, accent-insensitively (all words must occur). */
  query?: string;
  colour?: AnnotationColour;
  tag?: string;
  documentId?: string;
  state?: AnchorState;
  limit?: number;
  offset?: number;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Of the added or updated annotations, how many could not be placed in their document. */
  orphaned: number;
}

export interface ReanchorSummary {
  /** Annotations whose document changed or vanished, and were therefore re-anchored. */
  checked: number;
  anchored: number;
  moved: number;
  orphaned: number;
}

export interface BackupInfo {
  /** File name inside `<userdata>/backups/`, e.g. `user-2026-11-28T17-50-00-123Z.sqlite`. */
  name: string;
  /** ISO time the backup was taken (from its name). */
  createdAt: string;
  bytes: number;
}

/** Set when the user database was found damaged at start and replaced; the UI must tell the user. */
export interface UserDataRecovery {
  /** Backup the annotations were restored from; null when none was usable (a fresh, empty database). */
  from: string | null;
  /** Where the damaged file was moved (never deleted). */
  corruptFileKeptAt: string;
}

export type AnnotationExportFormat = 'jsonld' | 'markdown' | 'csv';

/** For export headings: the document fields a Markdown/CSV export shows. */
export type AnnotatedDocumentInfo = Pick<DocumentSummary, 'id' | 'title' | 'date'>;
