import type { Annotation } from '../../../common/annotations';
import { ANNOTATION_CONTEXT, annotationIri, documentIri } from './iri';

/**
 * W3C Web Annotation JSON-LD. Standard terms carry everything the model has a term for: the
 * note as a TextualBody with purpose `commenting`, each tag as a TextualBody with purpose
 * `tagging`, the colour as the target's `styleClass`, selectors as a list. What the model has
 * no term for travels under `archivo:` keys (absolute IRIs to a JSON-LD processor, ignored by
 * other tools): the document hash the selectors refer to, the anchoring state and the
 * original quote of a moved highlight. `@context` is a string to be recognised, never fetched.
 */
export interface JsonLdAnnotation {
  id: string;
  type: 'Annotation';
  motivation: Annotation['motivation'];
  created: string;
  modified: string;
  body?: Array<{ type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' | 'tagging' }>;
  target: {
    source: string;
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

export function toJsonLdAnnotation(annotation: Annotation): JsonLdAnnotation {
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
    ...(body.length > 0 ? { body } : {}),
    target: {
      source: documentIri(annotation.documentId),
      styleClass: annotation.colour,
      ...(annotation.target ? { selector: [{ ...annotation.target.quote }, { ...annotation.target.position }] } : {}),
    },
    'archivo:documentSha256': annotation.documentSha256,
    'archivo:anchorState': annotation.state,
    ...(annotation.originalQuote !== null ? { 'archivo:originalQuote': annotation.originalQuote } : {}),
  };
}

export function exportJsonLd(annotations: readonly Annotation[], generated: Date = new Date()): string {
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Archivo sin conexión: annotations',
    generated: generated.toISOString(),
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations.map(toJsonLdAnnotation) },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
