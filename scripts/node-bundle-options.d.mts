import type { BuildOptions } from 'esbuild';

/** An ES module for this project's Node, built for production. */
export const NODE_ESM_OPTIONS: BuildOptions;
