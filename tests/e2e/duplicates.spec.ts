import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusCli } from '../support/serve-process';
import { expect, test } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const screenshots = path.join(root, 'docs/screenshots');
const POST = path.resolve(root, '../shared/corpus/gobiernofacil/_posts/2017-05-30-oaxaca.md');

/** The test runner's environment without its colour switch (Node would warn about it in the output). */
function plainEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  return env;
}

/**
 * The librarian's view of a duplicate: `corpus build --report` on a post copied into two
 * folders warns once, naming both files and the line that keeps one. The terminal's text is
 * shown in a page only to photograph it for the README (docs/screenshots/duplicate-warning.png).
 */
test('corpus build warns about a post copied into two folders and says how to keep one', async ({
  sharedPage: page,
}) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'duplicates-e2e-'));
  try {
    const archive = path.join(folder, 'archivo');
    for (const sub of ['blog', 'copia']) {
      mkdirSync(path.join(archive, sub), { recursive: true });
      copyFileSync(POST, path.join(archive, sub, '2017-05-30-oaxaca.md'));
    }
    // Run where the librarian would, beside the folder: files are named relative to it.
    const run = corpusCli(['build', 'archivo', '--out', 'archivo.sqlite', '--report'], 100_000, {
      cwd: folder,
      env: plainEnvironment(),
    });
    expect(run.code, run.stderr).toBe(0);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain(
      'looks like the same document as archivo/blog/2017-05-30-oaxaca.md (the same text); both were imported.',
    );
    expect(output).toContain('add "copia/2017-05-30-oaxaca.md" (or "blog/2017-05-30-oaxaca.md") under exclude:');

    await page.setViewportSize({ width: 1100, height: 560 });
    await page.setContent(
      '<!doctype html><html lang="en"><title>corpus build</title><body style="margin:0;background:#1e1e1e">' +
        '<main><pre style="margin:0;padding:16px;color:#e6e6e6;font:14px/1.45 monospace;white-space:pre-wrap"></pre></main></body></html>',
    );
    await page.locator('pre').evaluate((element, text) => {
      element.textContent = `$ npm run corpus -- build archivo --out archivo.sqlite --report\n${text}`;
    }, output.trim());
    await page.screenshot({ path: path.join(screenshots, 'duplicate-warning.png'), fullPage: true });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
