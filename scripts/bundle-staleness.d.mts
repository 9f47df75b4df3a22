// Types of bundle-staleness.mjs, for the tests that import it.
export function inputsFile(outDir: string): string;
export function writeBundleInputs(
  root: string,
  outDir: string,
  metafile: { inputs: Record<string, unknown> },
  extraFiles: readonly string[],
): void;
export function bundleStale(root: string, outDir: string, outputs: readonly string[]): boolean;
