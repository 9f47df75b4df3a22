import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCorpusDatabasePath, findProjectRoot } from '../../../src-main/core/store/paths';

describe('paths', () => {
  it('puts the development corpus under <project root>/build/corpus, where build:corpus writes it', () => {
    const root = findProjectRoot();
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('archivo-offline');
    expect(defaultCorpusDatabasePath()).toBe(path.join(root, 'build', 'corpus', 'corpus.sqlite'));
    const script = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts['build:corpus'] as string;
    expect(script).toContain('--out build/corpus/corpus.sqlite');
  });

  it('walks up from a nested folder to the nearest package.json', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paths-test-'));
    try {
      const nested = path.join(dir, 'a', 'b', 'c');
      mkdirSync(nested, { recursive: true });
      writeFileSync(path.join(dir, 'a', 'package.json'), '{}');
      expect(findProjectRoot(nested)).toBe(path.join(dir, 'a'));
      expect(defaultCorpusDatabasePath(path.join(dir, 'a'))).toBe(
        path.join(dir, 'a', 'build', 'corpus', 'corpus.sqlite'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
