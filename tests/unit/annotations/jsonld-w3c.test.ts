import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../../src-main/core/annotations/annotations';
import { exportAnnotations } from '../../../src-main/core/annotations/exchange/export';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

/**
 * The JSON-LD export against the W3C Web Annotation model's own JSON schemas (the WG's test
 * suite, read from ../shared/reference/web-annotation-tests): every MUST assertion of the
 * annotation, collection and page tests passes, and so do the optional ones the export
 * implements on purpose (stylesheet, creator, generator). Each annotation and the page are
 * checked as a standalone document would be, i.e. with the collection's `@context`.
 */
const SUITE = path.resolve(__dirname, '../../../../shared/reference/web-annotation-tests');

interface Assertion {
  file: string;
  validate: ValidateFunction;
  expectedResult: 'valid' | 'invalid';
}

function createValidator(): Ajv {
  // The suite is draft-04 with its own keys (assertionType, errorMessage...): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(path.join(SUITE, 'definitions')).filter((name) => name.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SUITE, 'definitions', file), 'utf8')) as object);
  }
  return ajv;
}

/** The assertions a `.test` file of the suite lists (paths relative to the suite's root). */
function assertionsOf(ajv: Ajv, testFile: string): Assertion[] {
  const test = JSON.parse(readFileSync(path.join(SUITE, testFile), 'utf8')) as { assertions: string[] };
  return test.assertions.map((file) => assertion(ajv, file));
}

function assertion(ajv: Ajv, file: string): Assertion {
  const schema = JSON.parse(readFileSync(path.join(SUITE, file), 'utf8')) as {
    id: string;
    expectedResult: 'valid' | 'invalid';
  };
  return { file, validate: ajv.getSchema(schema.id) ?? ajv.compile(schema), expectedResult: schema.expectedResult };
}

/** Files whose verdict is not the expected one, with ajv's first message. */
function failures(assertions: readonly Assertion[], value: unknown): string[] {
  return assertions
    .filter(({ validate, expectedResult }) => validate(value) !== (expectedResult === 'valid'))
    .map(({ file, validate }) => `${file}: ${validate.errors?.[0]?.message ?? 'unexpected result'}`);
}

let seeds: SeedArchive;
let dir: string;
let userData: UserData;
let exported: {
  '@context': string;
  first: { items: Array<Record<string, unknown>> } & Record<string, unknown>;
} & Record<string, unknown>;
let ajv: Ajv;

beforeAll(async () => {
  seeds = await buildSeedArchive();
  dir = mkdtempSync(path.join(os.tmpdir(), 'jsonld-w3c-'));
  userData = await openUserData(path.join(dir, 'user'), { backup: false });
  const at = new Date('2026-01-01T10:00:00.000Z');
  const letter = seeds.letter;
  createAnnotation(
    userData,
    seeds.archive,
    { documentId: letter.id, ...spanOf(letter.text, 'vigilancia digital ilegal'), note: 'Nota', tags: ['espionaje'] },
    at,
  );
  createAnnotation(
    userData,
    seeds.archive,
    { documentId: letter.id, ...spanOf(letter.text, 'Secretariado Técnico Tripartita'), colour: 'blue' },
    at,
  );
  createAnnotation(userData, seeds.archive, { documentId: seeds.article.id, note: 'Sobre el artículo' }, at);
  exported = JSON.parse(
    exportAnnotations(userData, seeds.archive, 'jsonld', { now: new Date('2026-02-01T00:00:00Z') }).content,
  ) as typeof exported;
  ajv = createValidator();
}, 60_000);

afterAll(() => {
  userData.close();
  seeds.archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('JSON-LD export against the W3C Web Annotation schemas', () => {
  it('every annotation passes every MUST of annotationMusts.test', () => {
    const musts = assertionsOf(ajv, 'annotations/annotationMusts.test');
    expect(musts.length).toBeGreaterThan(50);
    expect(exported.first.items).toHaveLength(3);
    for (const item of exported.first.items) {
      expect(failures(musts, { '@context': exported['@context'], ...item }), String(item.id)).toEqual([]);
    }
  });

  it('the collection passes collectionMusts.test and its page pageMusts.test, both with ids', () => {
    expect(failures(assertionsOf(ajv, 'collections/collectionMusts.test'), exported)).toEqual([]);
    const page = { '@context': exported['@context'], ...exported.first };
    expect(failures(assertionsOf(ajv, 'collections/pages/pageMusts.test'), page)).toEqual([]);
    expect(exported.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(exported.first.id).toMatch(/^urn:archivo:annotation-page:[0-9a-f-]{36}:1$/);
    expect(exported.first.partOf).toEqual({ id: exported.id, label: exported.label, total: 3 });
  });

  it('implements stylesheet, creator and generator (the suite’s optional assertions pass)', () => {
    const optional = [
      'annotations/4.4-annotationStylesheetImplemented.json',
      'annotations/3.3.1-annotationCreatorImplemented.json',
      'annotations/3.3.1-annotationGeneratorImplemented.json',
      'annotations/3.3.2-annotationGeneratorAgentTypeImplemented.json',
      'annotations/3.3.2-annotationGeneratorAgentNameImplemented.json',
      'annotations/3.3.2-annotationCreatorAgentTypeImplemented.json',
    ].map((file) => assertion(ajv, file));
    for (const item of exported.first.items) expect(failures(optional, item), String(item.id)).toEqual([]);
    const blue = exported.first.items.find((item) => (item.target as { styleClass: string }).styleClass === 'blue');
    expect(blue?.stylesheet).toEqual({ type: 'CssStylesheet', value: '.blue { background-color: #a9d1ff; }' });
  });

  it('a schema check that can fail: an annotation without a target fails its MUST', () => {
    const musts = assertionsOf(ajv, 'annotations/annotationMusts.test');
    const withoutTarget = { ...exported.first.items[0] };
    delete withoutTarget.target;
    expect(failures(musts, { '@context': exported['@context'], ...withoutTarget })).toContainEqual(
      expect.stringMatching(/^annotations\/3\.1-targetKeyFound\.json/),
    );
  });

  it('names each target document by title, date, creators and type, as a file read alone needs', () => {
    const onLetter = exported.first.items.find(
      (item) => (item.target as { source: { id: string } }).source.id === `urn:archivo:doc:${seeds.letter.id}`,
    );
    expect((onLetter?.target as { source: unknown }).source).toEqual({
      id: `urn:archivo:doc:${seeds.letter.id}`,
      type: 'Text',
      format: 'text/plain',
      language: 'es',
      'dc:title': seeds.letter.title,
      'dc:date': '2017-05-23',
      'dc:creator': seeds.letter.signatories,
      'dc:type': 'letter',
    });
  });
});
