import { documentIdSchema } from '../common/api-schemas';
import { collectionIdSchema } from '../common/collections';

/**
 * `archivo://` permalinks opened from outside the app (a link in a text, a browser, a file
 * manager). The OS hands them over as a command-line argument (Windows, Linux: first start in
 * `process.argv`, app already running in `second-instance`) or as macOS's `open-url` event.
 * This module only reads them: a permalink becomes the page's own hash route, anything else a
 * sentence saying why it was refused. Nothing in such a URL is ever fetched or executed.
 *
 * Accepted (what the Cite dialog and the collections view give out):
 * - `archivo://doc/<document id>` and `archivo://doc/<document id>?a=<note id>` (a note in it);
 * - `archivo://collection/<collection id>`.
 */
export const PERMALINK_SCHEME = 'archivo';

/** Long enough for a pack-qualified id and a note id; a longer "link" is not one of ours. */
const MAX_PERMALINK_LENGTH = 300;

export type PermalinkResult = { ok: true; route: string } | { ok: false; reason: { es: string; en: string } };

/** The page route (`#doc/<id>?a=<note>` or `#collection/<id>`) a permalink opens, or why it is refused. */
export function parsePermalink(text: string): PermalinkResult {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  const refuse = (es: string, en: string): PermalinkResult => ({
    ok: false,
    reason: {
      es: `El enlace «${shown}» no se puede abrir: ${es}.`,
      en: `The link “${shown}” cannot be opened: ${en}.`,
    },
  });
  if (text.length > MAX_PERMALINK_LENGTH)
    return refuse('es demasiado largo para ser un enlace del archivo', 'it is too long to be a link of the archive');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('no es una dirección válida', 'it is not a valid address');
  }
  if (url.protocol !== `${PERMALINK_SCHEME}:`)
    return refuse(`no empieza por ${PERMALINK_SCHEME}://`, `it does not start with ${PERMALINK_SCHEME}://`);
  // `archivo://doc/<id>`: the URL parser reads "doc" as the host and "/<id>" as the path.
  const kind = url.host.toLowerCase();
  let id: string;
  try {
    id = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/\/+$/, ''));
  } catch {
    return refuse('no es una dirección válida', 'it is not a valid address');
  }
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '')
    return refuse('lleva partes que un enlace del archivo no tiene', 'it has parts an archive link does not have');
  if (kind === 'doc') {
    if (!documentIdSchema.safeParse(id).success)
      return refuse(
        `«${id.slice(0, 40)}» no es un identificador de documento`,
        `“${id.slice(0, 40)}” is not a document id`,
      );
    const keys = [...url.searchParams.keys()];
    if (keys.some((key) => key !== 'a'))
      return refuse('lleva parámetros desconocidos', 'it carries unknown parameters');
    const note = url.searchParams.get('a');
    if (note === null) return { ok: true, route: `#doc/${id}` };
    if (!collectionIdSchema.safeParse(note).success)
      return refuse(`«${note.slice(0, 40)}» no es un identificador de nota`, `“${note.slice(0, 40)}” is not a note id`);
    return { ok: true, route: `#doc/${id}?a=${note.toLowerCase()}` };
  }
  if (kind === 'collection') {
    if (url.search !== '') return refuse('lleva parámetros desconocidos', 'it carries unknown parameters');
    if (!collectionIdSchema.safeParse(id).success)
      return refuse(
        `«${id.slice(0, 40)}» no es un identificador de colección`,
        `“${id.slice(0, 40)}” is not a collection id`,
      );
    return { ok: true, route: `#collection/${id.toLowerCase()}` };
  }
  return refuse(
    'solo se abren enlaces a un documento, una nota o una colección',
    'only links to a document, a note or a collection open',
  );
}

/**
 * The permalink among command-line arguments (the OS appends it; Chromium's own switches may
 * stand around it). Null when there is none: an ordinary start, or a pack file double-clicked.
 */
export function permalinkFromArgv(argv: readonly string[]): string | null {
  return argv.slice(1).find((arg) => arg.toLowerCase().startsWith(`${PERMALINK_SCHEME}:`)) ?? null;
}
