import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batches, readJsonLines, writeJsonLines } from '../../../bench/json-lines';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'json-lines-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('an index stored as JSON lines', () => {
  it('reads back every value in order, accents and newlines inside strings included', () => {
    const file = path.join(dir, 'index.jsonl');
    const values = [
      { part: 'header', version: '2.3.9' },
      { part: 'invertedIndex', items: [['acción', { n: 1 }]] },
      'línea\nsegunda',
    ];
    expect(writeJsonLines(file, values)).toBe(3);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
    expect([...readJsonLines(file)]).toEqual(values);
  });

  it('names the file and the byte where a line is not JSON', () => {
    const file = path.join(dir, 'broken.jsonl');
    writeFileSync(file, '{"part":"header"}\n{"part":\n');
    expect(() => [...readJsonLines(file)]).toThrow(`${file}: line starting at byte 18 is not JSON`);
  });
});

describe('batches', () => {
  it('groups items and keeps a shorter last batch', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...batches([], 3)]).toEqual([]);
  });
});
