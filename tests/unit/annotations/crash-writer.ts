/**
 * Child process of crash.test.ts (not a test itself): opens the user database the way the app
 * does, then writes annotations one transaction each, printing `ack <id>` only AFTER the
 * commit returned. The parent SIGKILLs it at random moments. Arguments: <userDataDir> <seed>.
 */
import { readFileSync } from 'node:fs';
import { createAnnotation, updateAnnotation } from '../../../src-main/core/annotations/annotations';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { singleLetterSource } from '../../support/crash-letter-source';
import { reportLine } from '../../support/crash-report';

const [dirArgument, seedText, letterPath] = process.argv.slice(2);
if (!dirArgument || !seedText || !letterPath) throw new Error('usage: crash-writer <userDataDir> <seed> <letterFile>');
const dir: string = dirArgument;
const text = readFileSync(letterPath, 'utf8');
const archive = singleLetterSource('crashtest0000000', text, 'c'.repeat(64));

let state = Number(seedText) >>> 0;
function random(): number {
  // mulberry32: small, deterministic, good enough to vary sizes and spans.
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

async function main(): Promise<void> {
  const userData = await openUserData(dir, { backup: false });
  if (userData.recovered) reportLine(`recovered ${JSON.stringify(userData.recovered)}`);
  reportLine('ready');
  const acked: string[] = [];
  for (let n = 0; ; n += 1) {
    if (acked.length > 0 && random() < 0.2) {
      const id = acked[Math.floor(random() * acked.length)] as string;
      const note = `editada ${seedText}-${n}`;
      // Announced before the commit: if the kill lands after the commit but before `upd`, the
      // parent knows this unacknowledged note may legitimately be the stored one.
      reportLine(`try ${id} ${note}`);
      updateAnnotation(userData, id, { note });
      reportLine(`upd ${id} ${note}`);
      continue;
    }
    const start = Math.floor(random() * (text.length - 200));
    const annotation = createAnnotation(userData, archive, {
      documentId: 'crashtest0000000',
      start,
      end: start + 1 + Math.floor(random() * 150),
      note: `nota ${n} `.repeat(1 + Math.floor(random() * 400)),
      tags: ['choque', `t${n % 7}`],
    });
    acked.push(annotation.id);
    reportLine(`ack ${annotation.id}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
