import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/common/errors';
import type { ImportSummary } from '../../../src-main/common/annotations';
import { createAnnotation } from '../../../src-main/core/annotations/annotations';
import { exportAnnotations } from '../../../src-main/core/annotations/exchange/export';
import { importAnnotations } from '../../../src-main/core/annotations/exchange/import';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, spanOf, type SeedArchive } from '../annotations/seed-corpus';
import { propertyRuns } from './property-runs';

/**
 * Property: any JSON (any value, `__proto__`/`constructor` keys, and real exports with fields
 * broken or items appended) imported into a user database that holds annotations either returns
 * a summary or throws InvalidArgument; when it throws, the database is byte-for-byte and
 * row-for-row what it was (all or nothing: no valid item before a broken one is written).
 */

let seeds: SeedArchive;
let dir: string;
let userData: UserData;
/** The app's own JSON-LD export of the starting annotations: the base the mutations start from. */
let exported: { first: { items: Array<Record<string, unknown>> } } & Record<string, unknown>;

beforeAll(async () => {
  seeds = await buildSeedArchive();
  dir = mkdtempSync(path.join(os.tmpdir(), 'import-properties-'));
  userData = await openUserData(path.join(dir, 'user'), { backup: false });
  const letter = seeds.letter;
  createAnnotation(userData, seeds.archive, {
    documentId: letter.id,
    ...spanOf(letter.text, 'vigilancia digital ilegal'),
    note: 'nota',
    tags: ['espionaje'],
    colour: 'pink',
  });
  createAnnotation(userData, seeds.archive, {
    documentId: letter.id,
    ...spanOf(letter.text, 'Secretariado Técnico Tripartita'),
    colour: 'blue',
  });
  createAnnotation(userData, seeds.archive, {
    documentId: seeds.article.id,
    ...spanOf(seeds.article.text, 'Citizen Lab'),
    note: 'artículo',
  });
  exported = JSON.parse(exportAnnotations(userData, seeds.archive, 'jsonld').content);
}, 120_000);

afterAll(() => {
  userData?.close();
  seeds?.archive.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Bytes of the database and its WAL plus every row: what "nothing changed" means. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of [userData.file, `${userData.file}-wal`]) if (existsSync(file)) hash.update(readFileSync(file));
  hash.update(JSON.stringify(userData.db.prepare('SELECT * FROM annotations ORDER BY id').all()));
  return hash.digest('hex');
}

interface Outcome {
  summary: ImportSummary | null;
}

/** Imports `json`; on a refusal asserts it is InvalidArgument and that nothing changed. */
function importChecked(json: string): Outcome {
  const before = fingerprint();
  let summary: ImportSummary | null = null;
  try {
    summary = importAnnotations(userData, seeds.archive, json);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).name).toBe('InvalidArgument');
    expect((error as ApiError).message.length).toBeGreaterThan(0);
    expect(fingerprint()).toBe(before);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'isAdmin')).toBe(false);
  if (summary) {
    for (const count of Object.values(summary)) expect(Number.isInteger(count) && count >= 0).toBe(true);
  }
  return { summary };
}

const hostileKey = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'polluted',
    'isAdmin',
    'items',
    'first',
    'id',
    'type',
    'target',
    'body',
    'selector',
    'source',
  ),
);
const anyValue = fc.anything({
  key: hostileKey,
  maxDepth: 4,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withSparseArray: true,
});
const EDGE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(5000),
  '\u0000',
  '\uD800',
  'urn:archivo:doc:ffffffffffffffff',
  `urn:archivo:doc:${'0'.repeat(16)}`,
  [],
  {},
  { __proto__: { polluted: 1 } },
  [[[[[[]]]]]],
];
const fieldValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...EDGE_VALUES));
const FIELDS = [
  'id',
  'type',
  'motivation',
  'body',
  'target',
  'created',
  'modified',
  'target.source',
  'target.selector',
  'target.styleClass',
  'target.selector.0',
  'target.selector.0.exact',
  'target.selector.0.type',
  'target.selector.1.start',
  'target.selector.1.end',
  'body.0',
  'body.0.value',
  'body.0.purpose',
];

function setPath(root: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node: unknown = root;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string, unknown>)[part];
  }
  if (node !== null && typeof node === 'object') {
    // defineProperty: a key named __proto__ becomes an own property, as JSON.parse would make it.
    Object.defineProperty(node, parts[parts.length - 1] as string, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** A real export, every item given a fresh id (so valid ones would be ADDED), then broken in places. */
const mutatedExport = fc
  .record({
    // About half the files are left intact, so that accepted imports are as common as refused ones.
    mutations: fc.oneof(
      fc.constant([]),
      fc.array(fc.record({ item: fc.nat(), field: fc.constantFrom(...FIELDS), value: fieldValue }), {
        minLength: 1,
        maxLength: 3,
      }),
    ),
    extra: fc.oneof(fc.constant([]), fc.constant([]), fc.array(anyValue, { minLength: 1, maxLength: 2 })),
    freshIds: fc.boolean(),
  })
  .map(({ mutations, extra, freshIds }) => {
    const copy = structuredClone(exported);
    const items = copy.first.items;
    if (freshIds) for (const item of items) item.id = `urn:uuid:${randomUUID()}`;
    for (const { item, field, value } of mutations) {
      const target = items[item % items.length];
      if (target) setPath(target, field, structuredClone(value));
    }
    items.push(...(extra as Array<Record<string, unknown>>));
    return { json: JSON.stringify(copy) ?? 'null', broken: mutations.length + extra.length > 0, count: items.length };
  });

describe('annotation import, on any JSON', () => {
  it('any JSON value or string: a summary or InvalidArgument with the database unchanged', () => {
    let tried = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue.map((value) => JSON.stringify(value) ?? 'undefined'),
          fc.json({ maxDepth: 5 }),
          fc.string({ maxLength: 40 }),
        ),
        (json) => {
          tried += 1;
          if (!importChecked(json).summary) refused += 1;
        },
      ),
      propertyRuns(600),
    );
    console.log(
      `annotation import property (any JSON): ${tried} inputs, ${refused} refused with nothing changed, ${tried - refused} imported`,
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('real exports with fresh ids and broken fields: all items added, or none', () => {
    let tried = 0;
    let refused = 0;
    let added = 0;
    fc.assert(
      fc.property(mutatedExport, ({ json, count }) => {
        tried += 1;
        const rowsBefore = (userData.db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
        const { summary } = importChecked(json);
        const rowsAfter = (userData.db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
        if (!summary) {
          refused += 1;
          expect(rowsAfter).toBe(rowsBefore);
          return;
        }
        // Every item is accounted for, and exactly the added ones are new rows.
        expect(summary.added + summary.updated + summary.unchanged).toBe(count);
        expect(rowsAfter - rowsBefore).toBe(summary.added);
        added += summary.added;
      }),
      propertyRuns(300),
    );
    console.log(
      `annotation import property (mutated exports): ${tried} files, ${refused} refused with nothing changed, ${added} annotations added by the accepted ones`,
    );
    // Both branches are exercised: some files are refused (with valid items before the broken one), some accepted.
    expect(refused).toBeGreaterThan(20);
    expect(tried - refused).toBeGreaterThan(20);
  });
});
