import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { createAnnotation, getAnnotation } from '../../../src-main/core/annotations/annotations';
import { csvField } from '../../../src-main/core/annotations/exchange/csv-export';
import { exportAnnotations } from '../../../src-main/core/annotations/exchange/export';
import { importAnnotations, importAnnotationsFile } from '../../../src-main/core/annotations/exchange/import';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
let dir: string;
let userData: UserData;
const T = (iso: string) => new Date(iso);

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'exchange-test-'));
  userData = await openUserData(path.join(dir, 'a'), { backup: false });
});
afterEach(() => {
  userData.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Three annotations on the letter (one document-level, two passages created in reverse reading order) and one on the article. */
function sampleAnnotations(target: UserData = userData): Annotation[] {
  const letter = seeds.letter;
  const later = spanOf(letter.text, 'vigilancia digital ilegal');
  const earlier = spanOf(letter.text, 'Secretariado Técnico Tripartita');
  return [
    createAnnotation(
      target,
      seeds.archive,
      {
        documentId: letter.id,
        ...later,
        note: 'Primera línea\nSegunda línea',
        tags: ['espionaje', 'Citizen Lab'],
        colour: 'pink',
      },
      T('2026-01-01T10:00:00.000Z'),
    ),
    createAnnotation(
      target,
      seeds.archive,
      { documentId: letter.id, ...earlier, colour: 'blue' },
      T('2026-01-02T10:00:00.000Z'),
    ),
    createAnnotation(
      target,
      seeds.archive,
      { documentId: letter.id, note: 'La carta completa: "AGA", comas, y =fórmulas' },
      T('2026-01-03T10:00:00.000Z'),
    ),
    createAnnotation(
      target,
      seeds.archive,
      { documentId: seeds.article.id, ...spanOf(seeds.article.text, 'Citizen Lab'), note: '-1 @menciones +dudas' },
      T('2026-01-04T10:00:00.000Z'),
    ),
  ];
}

/** Bytes of the database and its WAL plus every row: what "nothing changed" means. */
function fingerprint(target: UserData): string {
  const hash = createHash('sha256');
  for (const file of [target.file, `${target.file}-wal`]) if (existsSync(file)) hash.update(readFileSync(file));
  hash.update(JSON.stringify(target.db.prepare('SELECT * FROM annotations ORDER BY id').all()));
  return hash.digest('hex');
}

describe('JSON-LD export and import', () => {
  it('exports a W3C AnnotationCollection with urn:archivo:doc targets, both selectors, note and tag bodies', () => {
    const [highlight] = sampleAnnotations();
    const parsed = JSON.parse(
      exportAnnotations(userData, seeds.archive, 'jsonld', { now: T('2026-02-01T00:00:00.000Z') }).content,
    );
    expect(parsed['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(parsed).toMatchObject({ type: 'AnnotationCollection', total: 4, generated: '2026-02-01T00:00:00.000Z' });
    const item = parsed.first.items.find((i: { id: string }) => i.id === `urn:uuid:${highlight!.id}`);
    expect(item).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      created: '2026-01-01T10:00:00.000Z',
      body: [
        { type: 'TextualBody', value: 'Primera línea\nSegunda línea', purpose: 'commenting', format: 'text/plain' },
        { type: 'TextualBody', value: 'espionaje', purpose: 'tagging' },
        { type: 'TextualBody', value: 'Citizen Lab', purpose: 'tagging' },
      ],
      target: {
        type: 'SpecificResource',
        source: {
          id: `urn:archivo:doc:${seeds.letter.id}`,
          'dc:title': seeds.letter.title,
          'dc:date': '2017-05-23',
          'dc:type': 'letter',
        },
        styleClass: 'pink',
        selector: [
          { type: 'TextQuoteSelector', exact: 'vigilancia digital ilegal', prefix: highlight!.target!.quote.prefix },
          {
            type: 'TextPositionSelector',
            start: highlight!.target!.position.start,
            end: highlight!.target!.position.end,
          },
        ],
      },
      'archivo:documentSha256': seeds.letter.sha256,
    });
  });

  it('round-trips into another user database unchanged; re-importing changes nothing', async () => {
    const made = sampleAnnotations();
    const exported = exportAnnotations(userData, seeds.archive, 'jsonld').content;
    const other = await openUserData(path.join(dir, 'b'), { backup: false });
    try {
      expect(importAnnotations(other, seeds.archive, exported)).toEqual({
        added: 4,
        updated: 0,
        unchanged: 0,
        orphaned: 0,
      });
      for (const annotation of made) expect(getAnnotation(other, annotation.id)).toEqual(annotation);
      const before = fingerprint(other);
      expect(importAnnotations(other, seeds.archive, exported)).toEqual({
        added: 0,
        updated: 0,
        unchanged: 4,
        orphaned: 0,
      });
      expect(fingerprint(other)).toBe(before);
    } finally {
      other.close();
    }
  });

  it('merges by id: a newer modified time wins, an older one is ignored', () => {
    const [first] = sampleAnnotations();
    const collection = JSON.parse(exportAnnotations(userData, seeds.archive, 'jsonld').content);
    const item = collection.first.items.find((i: { id: string }) => i.id === `urn:uuid:${first!.id}`);
    collection.first.items = [item];
    item.body[0].value = 'Nota editada en otra computadora';
    item.modified = '2026-01-01T09:00:00.000Z'; // older than the local copy
    expect(importAnnotations(userData, seeds.archive, JSON.stringify(collection))).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
      orphaned: 0,
    });
    expect(getAnnotation(userData, first!.id)?.note).toBe('Primera línea\nSegunda línea');
    item.modified = '2026-03-01T09:00:00.000Z';
    expect(importAnnotations(userData, seeds.archive, JSON.stringify(collection))).toEqual({
      added: 0,
      updated: 1,
      unchanged: 0,
      orphaned: 0,
    });
    expect(getAnnotation(userData, first!.id)).toMatchObject({
      note: 'Nota editada en otra computadora',
      modified: '2026-03-01T09:00:00.000Z',
    });
  });

  it('imports foreign W3C annotations naming a document by bare id: quote-only selector re-anchored, stable ids', () => {
    const quote = spanOf(seeds.article.text, 'espionaje', 1);
    const foreign = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://example.org/anno/42',
      type: 'Annotation',
      created: '2025-06-01T12:00:00+02:00',
      bodyValue: 'Del otro programa',
      body: [{ type: 'TextualBody', value: 'vigilancia', purpose: 'tagging' }],
      target: {
        source: seeds.article.id,
        selector: [
          { type: 'CssSelector', value: 'p' },
          {
            type: 'TextQuoteSelector',
            exact: 'espionaje',
            prefix: seeds.article.text.slice(quote.start - 20, quote.start),
            suffix: seeds.article.text.slice(quote.end, quote.end + 20),
          },
        ],
      },
    };
    expect(importAnnotations(userData, seeds.archive, JSON.stringify(foreign))).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      orphaned: 0,
    });
    const [stored] = userData.annotations.all();
    expect(stored).toMatchObject({
      note: 'Del otro programa',
      tags: ['vigilancia'],
      state: 'anchored',
      created: '2025-06-01T10:00:00.000Z',
      colour: 'yellow',
      motivation: 'commenting',
    });
    expect(stored!.target!.position).toMatchObject({ start: quote.start, end: quote.end }); // the second "espionaje", by context
    expect(stored!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importAnnotations(userData, seeds.archive, JSON.stringify([foreign]))).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
      orphaned: 0,
    });
  });

  it('a passage that is not in the document is imported as orphaned, never dropped', () => {
    const item = {
      type: 'Annotation',
      id: 'urn:uuid:1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      modified: '2026-01-01T00:00:00Z',
      target: {
        source: `urn:archivo:doc:${seeds.letter.id}`,
        selector: { type: 'TextQuoteSelector', exact: 'un párrafo que esta carta nunca tuvo en ninguna versión' },
      },
    };
    expect(
      importAnnotations(userData, seeds.archive, JSON.stringify({ type: 'AnnotationCollection', items: [item] })),
    ).toEqual({ added: 1, updated: 0, unchanged: 0, orphaned: 1 });
    expect(getAnnotation(userData, '1b4e28ba-2fa1-41d2-883f-0016d3cca427')).toMatchObject({
      state: 'orphaned',
      target: { quote: { exact: 'un párrafo que esta carta nunca tuvo en ninguna versión' } },
    });
  });
});

describe('hostile and broken import files change nothing', () => {
  const goodItem = () => ({
    type: 'Annotation',
    id: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
    modified: '2026-01-01T00:00:00Z',
    target: {
      source: `urn:archivo:doc:${seeds.letter.id}`,
      selector: { type: 'TextPositionSelector', start: 0, end: 6 },
    },
  });
  const collection = (...items: unknown[]) =>
    JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { items } });

  const cases: Array<[string, () => string, RegExp | string | (() => string)]> = [
    ['malformed JSON', () => '{"type": "AnnotationCollection", items: []}', /^The file is not valid JSON/],
    [
      'a truncated export',
      () => collection(goodItem(), goodItem()).slice(0, 150),
      /^The file is not valid JSON \(damaged or cut short\?\)/,
    ],
    [
      'a __proto__ key',
      () =>
        `{"type":"AnnotationCollection","items":[{"__proto__":{"polluted":true},"type":"Annotation","target":"x"}]}`,
      'The file contains the forbidden key "__proto__"',
    ],
    [
      'a constructor key',
      () => collection({ ...goodItem(), constructor: { prototype: {} } }),
      /forbidden key "(constructor|prototype)"/,
    ],
    [
      'offsets out of range',
      () =>
        collection(goodItem(), {
          ...goodItem(),
          target: { source: seeds.letter.id, selector: { type: 'TextPositionSelector', start: 10, end: 999_999 } },
        }),
      () =>
        `items[1].target.selector: TextPositionSelector 10..999999 is outside the document text (length ${seeds.letter.text.length})`,
    ],
    [
      'negative offsets',
      () =>
        collection({
          ...goodItem(),
          target: { source: seeds.letter.id, selector: { type: 'TextPositionSelector', start: -1, end: 3 } },
        }),
      /^items\[0\]\.target/,
    ],
    [
      'an unknown document',
      () => collection(goodItem(), { ...goodItem(), target: 'urn:archivo:doc:ffffffffffffffff' }),
      'items[1].target.source: no document "ffffffffffffffff" in this archive',
    ],
    [
      'a target outside the archive',
      () => collection({ ...goodItem(), target: 'https://example.org/page' }),
      /^items\[0\]\.target\.source: "https:\/\/example\.org\/page" does not name a document/,
    ],
    [
      'a lone surrogate',
      () =>
        collection(goodItem(), { ...goodItem(), bodyValue: 'nota \ud800 rota' }).replace(
          'nota \ud800 rota',
          'nota \\ud800 rota',
        ),
      'first.items[1].bodyValue contains a broken character (an unpaired UTF-16 surrogate)',
    ],
    [
      'a note over the limit',
      () => collection({ ...goodItem(), bodyValue: 'x'.repeat(100_001) }),
      'items[0].body (note) is 100001 characters long; the limit is 100000',
    ],
    [
      'a malformed selector among good items',
      () =>
        collection(goodItem(), {
          ...goodItem(),
          target: { source: seeds.letter.id, selector: { type: 'TextPositionSelector', start: 'a', end: 3 } },
        }),
      'items[1].target.selector.start: Invalid input: expected number, received string',
    ],
    [
      'a body that is not text',
      () => collection({ ...goodItem(), body: [{ type: 'TextualBody', value: 3 }] }),
      'items[0].body[0].value: Invalid input: expected string, received number',
    ],
    ['a bad time', () => collection({ ...goodItem(), modified: 'ayer' }), /^items\[0\]\.modified: /],
    ['not annotations at all', () => JSON.stringify({ hello: 'world' }), /^The file is not a W3C Web Annotation file/],
    ['deep nesting', () => '['.repeat(5000) + ']'.repeat(5000), /nested more than 32 levels deep/],
    [
      'more than 20 MB',
      () => collection({ ...goodItem(), bodyValue: 'x'.repeat(21 * 1024 * 1024) }),
      /limit for annotation files/,
    ],
  ];

  for (const [name, make, message] of cases) {
    it(`refuses ${name} with a clear message`, () => {
      sampleAnnotations();
      const before = fingerprint(userData);
      expect(() => importAnnotations(userData, seeds.archive, make())).toThrow(
        typeof message === 'function' ? message() : message,
      );
      expect(fingerprint(userData)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('reads files: refuses non-UTF-8 bytes and oversized files by name before parsing', () => {
    sampleAnnotations();
    const before = fingerprint(userData);
    const latin1 = path.join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x5b, 0x22, 0xf1, 0x22, 0x5d])); // ["ñ"] in Latin-1
    expect(() => importAnnotationsFile(userData, seeds.archive, latin1)).toThrow(
      `${latin1}: The file is not UTF-8 text`,
    );
    const big = path.join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 0x20));
    expect(() => importAnnotationsFile(userData, seeds.archive, big)).toThrow(
      `${big}: The file is 20971521 bytes; annotation files are limited to 20971520 bytes (20 MB)`,
    );
    expect(fingerprint(userData)).toBe(before);
    const good = path.join(dir, 'good.jsonld');
    writeFileSync(good, '\ufeff' + collection(goodItem()));
    expect(importAnnotationsFile(userData, seeds.archive, good)).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      orphaned: 0,
    });
  });
});

describe('Markdown and CSV export', () => {
  it('Markdown: per document title and date, document notes first, passages as blockquotes in reading order', () => {
    sampleAnnotations();
    const markdown = exportAnnotations(userData, seeds.archive, 'markdown').content;
    const letterHeading = markdown.indexOf(`## ${seeds.letter.title}`);
    expect(letterHeading).toBeGreaterThan(-1);
    expect(markdown).toContain('*2017-05-23*');
    const letterPart = markdown.slice(
      letterHeading,
      markdown.indexOf(`## ${seeds.article.title}`) > letterHeading
        ? markdown.indexOf(`## ${seeds.article.title}`)
        : undefined,
    );
    const wholeNote = letterPart.indexOf('La carta completa');
    const earlier = letterPart.indexOf('> Secretariado Técnico Tripartita');
    const later = letterPart.indexOf('> vigilancia digital ilegal');
    expect(wholeNote).toBeGreaterThan(-1);
    expect(wholeNote).toBeLessThan(earlier);
    expect(earlier).toBeLessThan(later);
    expect(letterPart).toContain(
      '> vigilancia digital ilegal\n\nPrimera línea\nSegunda línea\n\nTags: `espionaje`, `Citizen Lab`\n',
    );
  });

  it('Markdown: each passage says where it is, its colour and when; two bare quotes stay two blockquotes', () => {
    sampleAnnotations();
    const labels = {
      heading: 'Anotaciones',
      documentNotes: 'Notas sobre todo el documento',
      orphaned: 'Pasajes que ya no están',
      tags: 'Etiquetas',
      missingDocument: 'ya no está',
      moved: 'subrayado original',
      paragraph: 'Párrafo',
      created: 'Creada',
      modified: 'modificada',
      colours: { yellow: 'Amarillo', green: 'Verde', blue: 'Azul', pink: 'Rosa', purple: 'Morado' },
    };
    // A second bare highlight (no note, no tags) right after the blue one, in the same paragraph.
    const next = spanOf(seeds.letter.text, 'tras más de cinco años de trabajo');
    createAnnotation(
      userData,
      seeds.archive,
      { documentId: seeds.letter.id, ...next, colour: 'green' },
      T('2026-01-05T08:30:00.000Z'),
    );
    const markdown = exportAnnotations(userData, seeds.archive, 'markdown', { labels }).content;
    // The letter's paragraphs: dateline, addressee, then the one holding both passages (3 of 14).
    expect(markdown).toContain(
      '#### Párrafo 3/14 · Azul\n\n> Secretariado Técnico Tripartita\n\n*Creada 2026-01-02 10:00 UTC*\n\n' +
        '#### Párrafo 3/14 · Verde\n\n> tras más de cinco años de trabajo\n\n*Creada 2026-01-05 08:30 UTC*\n',
    );
    expect(markdown).toContain('La carta completa: "AGA", comas, y =fórmulas\n\n*Creada 2026-01-03 10:00 UTC*');
    // Read as Markdown (CommonMark), the two bare quotes are two blockquotes, not one.
    const tokens = new MarkdownIt().parse(markdown, {});
    const quotes = tokens.filter((token) => token.type === 'blockquote_open');
    expect(quotes).toHaveLength(4);
  });

  it('CSV: RFC 4180 quoting, CRLF rows, formula-looking cells neutralised', () => {
    sampleAnnotations();
    const csv = exportAnnotations(userData, seeds.archive, 'csv').content;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,document_id,document_title,document_date,state,motivation,colour,tags,quote,note,start,end,original_quote,created,modified,collections',
    );
    expect(csv).toContain('"La carta completa: ""AGA"", comas, y =fórmulas"');
    expect(csv).toContain(",'-1 @menciones +dudas,");
    expect(csv).toContain('"Primera línea\nSegunda línea"');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+34 600')).toBe("'+34 600");
    expect(csvField('normal')).toBe('normal');
  });
});
