import { writeSync } from 'node:fs';

/**
 * Prints one line of a SIGKILL writer's report to its parent, in the kernel before it returns.
 * `process.stdout.write` may keep a line in the process when the parent is slow to read (the
 * socket to the parent is non-blocking and fills up), and a SIGKILL then loses it: a `try`
 * announced that way could vanish while its commit survived, and the parent would judge a
 * stored note it was never told of. Writing to fd 1 directly, retrying while the socket is full,
 * keeps the report's order the same as the writes' order.
 */
export function reportLine(line: string): void {
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EAGAIN')) throw error;
    }
  }
}
