/**
 * The IRIs an exported annotation uses, chosen once here:
 * - annotation id: `urn:uuid:<uuid>` (RFC 4122 URN; the stored id is the bare UUID);
 * - target document: `urn:archivo:doc:<documentId>` (a URN: it names the document in any copy
 *   of the archive and, unlike an http(s) IRI, nothing will ever try to fetch it).
 * On import a bare document id is accepted as well. Pack documents keep their qualified id
 * (`urn:archivo:doc:<packId>~<documentId>`): `~` is an unreserved URI character.
 */
import { createHash } from 'node:crypto';
import { PACK_DOCUMENT_SEPARATOR } from '../../../common/library';
import { isValidPackId } from '../../packs/versions';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const DOCUMENT_IRI_PREFIX = 'urn:archivo:doc:';
const UUID_IRI = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function documentIri(documentId: string): string {
  return DOCUMENT_IRI_PREFIX + documentId;
}

const CORPUS_DOCUMENT_ID = /^[0-9a-f]{16}$/;

/**
 * Whether this is a library document id: a bundled corpus document's plain 16-hex id, or a
 * pack document's `<packId>~<documentId>` (PACK_DOCUMENT_SEPARATOR) with a valid pack id.
 */
export function isLibraryDocumentId(id: string): boolean {
  const at = id.indexOf(PACK_DOCUMENT_SEPARATOR);
  if (at < 0) return CORPUS_DOCUMENT_ID.test(id);
  return isValidPackId(id.slice(0, at)) && CORPUS_DOCUMENT_ID.test(id.slice(at + PACK_DOCUMENT_SEPARATOR.length));
}

/** The document id a target source names, or null when it is neither scheme. */
export function documentIdFromSource(source: string): string | null {
  const id = source.startsWith(DOCUMENT_IRI_PREFIX) ? source.slice(DOCUMENT_IRI_PREFIX.length) : source;
  return isLibraryDocumentId(id) ? id : null;
}

export function annotationIri(id: string): string {
  return `urn:uuid:${id}`;
}

/** The bare UUID of a `urn:uuid:` IRI, lower-cased; null for any other id. */
export function uuidFromIri(iri: string): string | null {
  const match = UUID_IRI.exec(iri);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** A UUID (version 8, "custom") made from SHA-256 of `seed`: the same seed always gives the same UUID. */
export function uuidFromHash(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
