import { describe, expect, it } from 'vitest';
import { parseYamlData } from '../../../src-main/core/import/safe-yaml';

/** Front matter that Jekyll (Ruby's Psych) reads although the YAML spec refuses it, written by hand. */
function read(yamlText: string): { data: Record<string, unknown>; warnings: string[] } {
  const warnings: string[] = [];
  const data = parseYamlData(yamlText, 2, (message) => warnings.push(message));
  return { data, warnings };
}

describe('YAML as Psych reads it', () => {
  it('reads a double-quoted value continued on an unindented line, keeping the fields after it', () => {
    const { data, warnings } = read('title: "Una nota\nque sigue"\ndescription: El resumen\n');
    expect(data).toEqual({ title: 'Una nota que sigue', description: 'El resumen' });
    expect(warnings).toEqual([]);
  });

  it('reads a single-quoted value over several unindented lines, with its escaped quote', () => {
    const { data, warnings } = read("title: 'Dijo ''no''\nal acuerdo\nde 2017'\ntags: [a, b]\n");
    expect(data).toEqual({ title: "Dijo 'no' al acuerdo de 2017", tags: ['a', 'b'] });
    expect(warnings).toEqual([]);
  });

  it('reads a quoted list item continued on an unindented line', () => {
    const { data } = read('autores:\n  - "Ana\nPérez"\n  - Luis\n');
    expect(data).toEqual({ autores: ['Ana Pérez', 'Luis'] });
  });

  it('still reports YAML that Psych refuses too, naming its line, and keeps the lines that read', () => {
    const { data, warnings } = read('title: Bien\ncategories: [sin cerrar\n');
    expect(data.title).toBe('Bien');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/^broken YAML/);
  });
});
