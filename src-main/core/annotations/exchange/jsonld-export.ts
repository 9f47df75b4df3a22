import type { Annotation, AnnotationColour } from '../../../common/annotations';
import type { DocumentSummary } from '../../../common/types';
import { ANNOTATION_CONTEXT, annotationIri, documentIri, uuidFromHash } from './iri';

/**
 * W3C Web Annotation JSON-LD that stands alone: a reader of the file alone (another tool, a
 * colleague without the archive) learns what each note is about. Standard terms carry
 * everything the model has a term for:
 * - the note as a TextualBody with purpose `commenting`, each tag as one with purpose `tagging`;
 * - the target as a SpecificResource whose `source` describes the document (its
 *   `urn:archivo:doc:` IRI plus Dublin Core title, date, creators and type, `dc:` being a prefix
 *   of the annotation context), with the passage's selectors and the colour as `styleClass`;
 * - a `stylesheet` that defines that class, the `creator` (the person who wrote the notes,
 *   anonymous: the app keeps no name) and the `generator` (this app);
 * - the collection and its one page have ids (`urn:uuid:<uuid>`, `urn:archivo:annotation-page:<uuid>:1`).
 * What the model has no term for travels under `archivo:` keys (ignored by other tools): the
 * document hash the selectors refer to, the anchoring state and the original quote of a moved
 * highlight. `@context` is a string to be recognised, never fetched.
 */
export interface JsonLdAgent {
  id?: string;
  type: 'Person' | 'Software';
  name?: string;
  homepage?: string;
}

/** The annotated document as the export describes it (what the reader's header shows). */
export interface JsonLdSource {
  id: string;
  type: 'Text';
  format: 'text/plain';
  language: 'es';
  'dc:title'?: string;
  'dc:date'?: string;
  'dc:creator'?: string[];
  'dc:type'?: DocumentSummary['type'];
}

export interface JsonLdAnnotation {
  id: string;
  type: 'Annotation';
  motivation: Annotation['motivation'];
  created: string;
  modified: string;
  creator: JsonLdAgent;
  generator: JsonLdAgent;
  stylesheet: { type: 'CssStylesheet'; value: string };
  body?: Array<{ type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' | 'tagging' }>;
  target: {
    type: 'SpecificResource';
    source: JsonLdSource;
    styleClass: Annotation['colour'];
    selector?: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
  'archivo:documentSha256': string;
  'archivo:anchorState': Annotation['state'];
  'archivo:originalQuote'?: string;
}

/** What the export knows of a target document; null when it is no longer in the library. */
export type JsonLdDocumentInfo = Pick<DocumentSummary, 'title' | 'date' | 'type' | 'authors' | 'signatories'>;

export const GENERATOR: JsonLdAgent = {
  id: 'urn:archivo-sin-conexion:app',
  type: 'Software',
  name: 'Archivo sin conexión',
};
/** The person who wrote the notes: the app keeps no name or account, so the agent is anonymous. */
const CREATOR: JsonLdAgent = { type: 'Person' };

/** The reader's highlight colours (styles.css `.colour-*`), so another tool can paint the same. */
export const HIGHLIGHT_COLOURS: Readonly<Record<AnnotationColour, string>> = {
  yellow: '#ffe066',
  green: '#a8e6a1',
  blue: '#a9d1ff',
  pink: '#ffb3d1',
  purple: '#d4b8ff',
};

export function toJsonLdAnnotation(
  annotation: Annotation,
  documentInfo: (documentId: string) => JsonLdDocumentInfo | null = () => null,
): JsonLdAnnotation {
  const body: NonNullable<JsonLdAnnotation['body']> = [];
  if (annotation.note !== '')
    body.push({ type: 'TextualBody', value: annotation.note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of annotation.tags)
    body.push({ type: 'TextualBody', value: tag, format: 'text/plain', purpose: 'tagging' });
  return {
    id: annotationIri(annotation.id),
    type: 'Annotation',
    motivation: annotation.motivation,
    created: annotation.created,
    modified: annotation.modified,
    creator: CREATOR,
    generator: GENERATOR,
    stylesheet: {
      type: 'CssStylesheet',
      value: `.${annotation.colour} { background-color: ${HIGHLIGHT_COLOURS[annotation.colour]}; }`,
    },
    ...(body.length > 0 ? { body } : {}),
    target: {
      type: 'SpecificResource',
      source: describeSource(annotation.documentId, documentInfo(annotation.documentId)),
      styleClass: annotation.colour,
      ...(annotation.target ? { selector: [{ ...annotation.target.quote }, { ...annotation.target.position }] } : {}),
    },
    'archivo:documentSha256': annotation.documentSha256,
    'archivo:anchorState': annotation.state,
    ...(annotation.originalQuote !== null ? { 'archivo:originalQuote': annotation.originalQuote } : {}),
  };
}

function describeSource(documentId: string, info: JsonLdDocumentInfo | null): JsonLdSource {
  const source: JsonLdSource = { id: documentIri(documentId), type: 'Text', format: 'text/plain', language: 'es' };
  if (!info) return source;
  const creators = info.authors.length > 0 ? info.authors : info.signatories;
  return {
    ...source,
    'dc:title': info.title,
    ...(info.date ? { 'dc:date': info.date } : {}),
    ...(creators.length > 0 ? { 'dc:creator': [...creators] } : {}),
    'dc:type': info.type,
  };
}

export function exportJsonLd(
  annotations: readonly Annotation[],
  generated: Date = new Date(),
  documentInfo: (documentId: string) => JsonLdDocumentInfo | null = () => null,
): string {
  const items = annotations.map((annotation) => toJsonLdAnnotation(annotation, documentInfo));
  // Stable for the same notes at the same moment; a later export is another collection.
  const uuid = uuidFromHash(
    [generated.toISOString(), ...annotations.map((annotation) => `${annotation.id}@${annotation.modified}`)].join('\n'),
  );
  const id = `urn:uuid:${uuid}`;
  const label = 'Archivo sin conexión: annotations';
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    generated: generated.toISOString(),
    generator: GENERATOR,
    total: items.length,
    first: {
      id: `urn:archivo:annotation-page:${uuid}:1`,
      type: 'AnnotationPage',
      // The page read on its own still says which collection it belongs to.
      partOf: { id, label, total: items.length },
      startIndex: 0,
      items,
    },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
