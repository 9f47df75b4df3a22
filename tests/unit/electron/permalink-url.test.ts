import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePermalink, permalinkFromArgv } from '../../../src-main/main/permalink-url';

const DOC = '3f2a9c0d1e4b5a67';
const NOTE = '0b8e6f1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
const COLLECTION = '9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d';

describe('archivo:// permalinks from outside the app', () => {
  it('a document, a note in it (pack-qualified too) and a collection become the page’s own routes', () => {
    expect(parsePermalink(`archivo://doc/${DOC}`)).toEqual({ ok: true, route: `#doc/${DOC}` });
    expect(parsePermalink(`archivo://doc/${DOC}?a=${NOTE}`)).toEqual({ ok: true, route: `#doc/${DOC}?a=${NOTE}` });
    expect(parsePermalink(`archivo://doc/gobierno-facil~${DOC}/`)).toEqual({
      ok: true,
      route: `#doc/gobierno-facil~${DOC}`,
    });
    // Upper-case scheme and ids as some shells and mail clients rewrite them.
    expect(parsePermalink(`ARCHIVO://collection/${COLLECTION.toUpperCase()}`)).toEqual({
      ok: true,
      route: `#collection/${COLLECTION}`,
    });
  });

  it('anything else is refused with a sentence in Spanish and English that names the link and why', () => {
    const refusal = (text: string) => {
      const result = parsePermalink(text);
      if (result.ok) throw new Error(`${text} was accepted`);
      return result.reason;
    };
    expect(refusal('archivo://doc/../../etc/passwd')).toEqual({
      es: 'El enlace «archivo://doc/../../etc/passwd» no se puede abrir: «etc/passwd» no es un identificador de documento.',
      en: 'The link “archivo://doc/../../etc/passwd” cannot be opened: “etc/passwd” is not a document id.',
    });
    expect(refusal(`https://example.org/doc/${DOC}`).es).toBe(
      `El enlace «https://example.org/doc/${DOC}» no se puede abrir: no empieza por archivo://.`,
    );
    expect(refusal(`archivo://doc/${DOC}?a=1;DROP`).en).toBe(
      `The link “archivo://doc/${DOC}?a=1;DROP” cannot be opened: “1;DROP” is not a note id.`,
    );
    expect(refusal(`archivo://doc/${DOC}?q=x`).en).toContain('it carries unknown parameters');
    expect(refusal(`archivo://settings/wipe`).es).toContain(
      'solo se abren enlaces a un documento, una nota o una colección',
    );
    expect(refusal(`archivo://user:pw@doc/${DOC}`).en).toContain('it has parts an archive link does not have');
    expect(refusal(`archivo://doc/${DOC}#x`).en).toContain('it has parts an archive link does not have');
    expect(refusal('archivo://doc/%E0%A4%A').en).toContain('it is not a valid address');
    expect(refusal('no es un enlace').en).toContain('it is not a valid address');
    const long = `archivo://doc/${'a'.repeat(400)}`;
    expect(refusal(long).en).toBe(
      `The link “${long.slice(0, 80)}…” cannot be opened: it is too long to be a link of the archive.`,
    );
  });

  it('finds the permalink among command-line arguments, never the program itself', () => {
    expect(permalinkFromArgv(['/opt/Archivo/archivo', '--no-sandbox', `archivo://doc/${DOC}`])).toBe(
      `archivo://doc/${DOC}`,
    );
    expect(permalinkFromArgv(['archivo://doc/x'])).toBeNull();
    expect(permalinkFromArgv(['/opt/Archivo/archivo', '/home/ana/paquete.archive'])).toBeNull();
  });

  it('the installers register the scheme (electron-builder.yml protocols)', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const config = parseYaml(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      protocols?: Array<{ schemes?: string[] }>;
    };
    expect(config.protocols?.flatMap((entry) => entry.schemes ?? [])).toEqual(['archivo']);
  });
});
