import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { plainFrontMatter } from '../../../src-main/core/import/plain-front-matter';
import { parseYamlData } from '../../../src-main/core/import/safe-yaml';
import { isRecord } from '../../../src-main/common/guards';

/** What the `yaml` package reads, as safe-yaml.ts asks it (core schema, repeated keys allowed). */
function parsed(yamlText: string): { value: unknown; problems: number } {
  const document = parseDocument(yamlText, { schema: 'core', prettyErrors: true, uniqueKeys: false });
  return { value: document.toJS(), problems: document.errors.length + document.warnings.length };
}

/** The fast reading, checked against the parser's wherever it gives one. */
function expectSameAsParser(yamlText: string): Record<string, unknown> | null {
  const fast = plainFrontMatter(yamlText);
  if (fast !== null) {
    const { value, problems } = parsed(yamlText);
    expect(problems, JSON.stringify(yamlText)).toBe(0);
    expect(fast, JSON.stringify(yamlText)).toStrictEqual(value);
    expect(Object.keys(fast)).toEqual(isRecord(value) ? Object.keys(value) : null);
  }
  return fast;
}

const POST =
  'layout: post\n' +
  'title: "Tablero han estado del"\n' +
  'description: "La herramienta, INE Fácil v 1 Reporte de SFP y es decir: que # no es comentario"\n' +
  'category: "Coltando"\n' +
  'tags: ["Datos", "Acceso a la Información Pública"]\n' +
  'author: "Esformar Gencionos"\n' +
  'date: 2019-08-04\n';

describe('plain front matter without the YAML parser', () => {
  it('reads a generated post and a gobiernofacil post as the parser does', () => {
    expect(expectSameAsParser(POST)).toEqual({
      layout: 'post',
      title: 'Tablero han estado del',
      description: 'La herramienta, INE Fácil v 1 Reporte de SFP y es decir: que # no es comentario',
      category: 'Coltando',
      tags: ['Datos', 'Acceso a la Información Pública'],
      author: 'Esformar Gencionos',
      date: '2019-08-04',
    });
    const site =
      'layout: post\ntitle: "#Epicentro dará seguimiento"\ndescription: \'La plataforma (30) “civiles”.\'\n' +
      'category: Transparencia\ntags: ["Transparencia"]\nauthor: Alejandra Padilla + Argentina Velasco\n';
    expect(expectSameAsParser(site)).not.toBeNull();
  });

  it('accepts the shapes it knows, each as the parser reads it', () => {
    const accepted = [
      'a: "x\'y"\n',
      "a: 'p\"q'\n",
      'a: []\n',
      'a: [""]\n',
      'a: ""\n',
      "a: ''\n",
      'a: Boris Cuapio\n',
      'a: b  c\n',
      'a: b,c d-e . f % g @ h & i * j ! k | l > m ` n\n',
      'a: yes\nb: no\nc: on\nd: Off\ne: nul\nf: truE\ng: Inf\nh: NaN\n',
      'a-b_c: x\n_a: y\n',
      'nul: x\nInfinity: y\nnan: z\ne1: w\nyes: v\n',
      'a: Ángel\n',
      'a: 2015-05-17\n',
      'a: "\u00a0espacio\u00a0"\n',
    ];
    for (const text of accepted) expect(expectSameAsParser(text), text).not.toBeNull();
  });

  it('leaves to the parser every line it cannot vouch for', () => {
    const refused = [
      'a: true\n',
      'a: Null\n',
      'a: FALSE\n',
      'a: 12\n',
      'a: -1\n',
      'a: .5\n',
      'a: 0x1f\n',
      'a: 2015-05-17 10:00\n',
      'a: b #comentario\n',
      'a: b: c\n',
      'a: b \n',
      'a:  b\n',
      'a:\n',
      'a: b\tc\n',
      'a: "b\\"c"\n',
      'a: "b\\u00e9"\n',
      "a: 'it''s'\n",
      'a: "b"c\n',
      'a: [b]\n',
      'a: ["b",  "c"]\n',
      'a: ["b", c]\n',
      'a: {b: c}\n',
      'a: &x b\n',
      'a: *x\n',
      'a: !!str b\n',
      'a: |\n  b\n',
      'a: >\n  b\n',
      '- a\n',
      'a: b\n\nc: d\n',
      'a: b\r\n',
      'a: b',
      '',
      '\n',
      '# comentario\na: b\n',
      ' a: b\n',
      'a: 1\na: 2\n',
      'a: b\na: c\n',
      '__proto__: x\n',
      'constructor: x\n',
      'toString: x\n',
      'null: x\n',
      'NULL: x\n',
      'False: x\n',
      'true: x\n',
      '"a": b\n',
      'a b: c\n',
      'a: "x\u2028y"\n',
      'a: "x\ufeffy"\n',
      'a: "\ud83d\ude00"\n',
      'a: x\u0085y\n',
      'a: "x\u0085"\n',
      'a: "x\n  y"\n',
    ];
    for (const text of refused) expect(plainFrontMatter(text), JSON.stringify(text)).toBeNull();
  });

  it('agrees with the parser on lines built from the chars that matter to YAML', () => {
    // A fixed pseudo-random walk (the same lines every run) over quotes, indicators, spaces and letters.
    const alphabet = [
      'a',
      'B',
      'é',
      'ñ',
      ' ',
      '  ',
      '"',
      "'",
      ':',
      ': ',
      '#',
      ' #',
      ',',
      ', ',
      '[',
      ']',
      '{',
      '-',
      '0',
      '9',
    ];
    let state = 0x2545f491;
    const next = (bound: number): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % bound;
    };
    const keys = ['k', 'null', 'Null', 'True', 'false', 'x-y', '_a', 'e1', 'nan', 'on', 'Infinity'];
    let accepted = 0;
    for (let round = 0; round < 4000; round += 1) {
      let value = '';
      const length = 1 + next(8);
      for (let i = 0; i < length; i += 1) value += alphabet[next(alphabet.length)] ?? '';
      const shaped = [value, `"${value}"`, `'${value}'`, `["${value}"]`, `["${value}", "${value}"]`][next(5)] ?? value;
      const key = keys[next(keys.length)] ?? 'k';
      if (expectSameAsParser(`${key}: ${shaped}\n`) !== null) accepted += 1;
    }
    // The walk must reach both sides, or it tests nothing.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(3800);
  });

  it('is what parseYamlData returns for such a block, without warnings', () => {
    const warnings: string[] = [];
    expect(parseYamlData(POST, 2, (message) => warnings.push(message))).toStrictEqual(parsed(POST).value);
    expect(warnings).toEqual([]);
  });
});
