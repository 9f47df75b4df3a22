/* Prints the conformance figures: `npx tsx tests/unit/import/conformance/figures.ts [-v]`. */
import { allExamples, runExample } from './run-examples';

const verbose = process.argv.includes('-v');
const outcomes = allExamples().map(runExample);
// As the test does: the spec marks one example <IGNORE> (it only must not crash).
const withoutHtml = outcomes.filter((outcome) => !outcome.rawHtml && !/^<ignore>/i.test(outcome.example.html));
const passing = withoutHtml.filter((outcome) => outcome.expected === outcome.actual);
const losing = outcomes.filter((outcome) => outcome.lostWords.length > 0);
console.log(`examples without raw HTML passing: ${passing.length} / ${withoutHtml.length}`);
console.log(`examples (all ${outcomes.length}) losing text: ${losing.length}`);
for (const outcome of withoutHtml) {
  if (outcome.expected === outcome.actual) continue;
  console.log(`FAIL ${outcome.example.id} (${outcome.example.section})`);
  if (!verbose) continue;
  let at = 0;
  while (outcome.expected[at] === outcome.actual[at]) at += 1;
  const around = (html: string): string => JSON.stringify(html.slice(Math.max(0, at - 80), at + 120));
  console.log(
    `  md:  ${JSON.stringify(outcome.example.markdown)}\n  exp: ${around(outcome.expected)}\n  got: ${around(outcome.actual)}`,
  );
}
for (const outcome of losing) {
  console.log(`LOST ${outcome.example.id} (${outcome.example.section}): ${outcome.lostWords.join(' ')}`);
  if (verbose)
    console.log(`  md:  ${JSON.stringify(outcome.example.markdown)}\n  app: ${JSON.stringify(outcome.appHtml)}`);
}
