import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * An EPUB 3 container from ready XHTML chapters and images: the OCF zip (uncompressed
 * `mimetype` first, as the spec requires), the package document and the navigation document.
 * Pure: no DOM, no network; the caller hands in every byte.
 */

export interface EpubChapter {
  /** File name inside the book, e.g. `doc-1.xhtml`. */
  file: string;
  title: string;
  /** A complete XHTML5 document (see `xhtmlPage`). */
  xhtml: string;
}

export interface EpubImage {
  /** File name inside the book, e.g. `images/ab12….png`. */
  file: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface EpubBook {
  /** A URN that names this book (stable for the same documents of the same archive). */
  identifier: string;
  title: string;
  language: string;
  creators: string[];
  /** The archive the documents come from. */
  publisher: string;
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  contentsLabel: string;
  chapters: EpubChapter[];
  images: EpubImage[];
  stylesheet: string;
}

/** The image types every EPUB 3 reading system must show (core media types); others are left out. */
export const EPUB_IMAGE_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
};

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An XHTML5 content document around `body` (already serialised as XML). */
export function xhtmlPage(title: string, language: string, body: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html>',
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${escapeXml(language)}" xml:lang="${escapeXml(language)}">`,
    '<head>',
    '<meta charset="UTF-8"/>',
    `<title>${escapeXml(title)}</title>`,
    '<link rel="stylesheet" type="text/css" href="style.css"/>',
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

function navDocument(book: EpubBook): string {
  const items = book.chapters
    .map((chapter) => `<li><a href="${escapeXml(chapter.file)}">${escapeXml(chapter.title)}</a></li>`)
    .join('\n');
  return xhtmlPage(
    book.contentsLabel,
    book.language,
    `<nav epub:type="toc" id="toc" role="doc-toc"><h1>${escapeXml(book.contentsLabel)}</h1><ol>\n${items}\n</ol></nav>`,
  );
}

function packageDocument(book: EpubBook): string {
  const creators = book.creators.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`).join('\n    ');
  const chapters = book.chapters
    .map((chapter, i) => `<item id="c${i + 1}" href="${escapeXml(chapter.file)}" media-type="application/xhtml+xml"/>`)
    .join('\n    ');
  const images = book.images
    .map((image, i) => `<item id="i${i + 1}" href="${escapeXml(image.file)}" media-type="${image.mediaType}"/>`)
    .join('\n    ');
  const spine = book.chapters.map((_, i) => `<itemref idref="c${i + 1}"/>`).join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="${escapeXml(book.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">${escapeXml(book.identifier)}</dc:identifier>
    <dc:title>${escapeXml(book.title)}</dc:title>
    <dc:language>${escapeXml(book.language)}</dc:language>
    <dc:publisher>${escapeXml(book.publisher)}</dc:publisher>
    ${creators}
    <meta property="dcterms:modified">${book.modified}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="style.css" media-type="text/css"/>
    ${chapters}
    ${images}
  </manifest>
  <spine>
    ${spine}
  </spine>
</package>
`;
}

/** The book as the bytes of an .epub file. */
export function packEpub(book: EpubBook): Uint8Array {
  // Object keys keep insertion order, so `mimetype` is the zip's first entry, stored (level 0).
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'EPUB/package.opf': strToU8(packageDocument(book)),
    'EPUB/nav.xhtml': strToU8(navDocument(book)),
    'EPUB/style.css': strToU8(book.stylesheet),
  };
  for (const chapter of book.chapters) files[`EPUB/${chapter.file}`] = strToU8(chapter.xhtml);
  // Images are compressed already: storing them saves the phone's CPU for nothing lost.
  for (const image of book.images) files[`EPUB/${image.file}`] = [image.bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}
