// The esbuild options every Node bundle of this project shares (the CLI, browser mode, the
// benchmark's children): one place to change the target or the ES-module `require` shim.

/** An ES module for this project's Node, built for production. */
export const NODE_ESM_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS packages in a bundle (commander, lunr, …) call require() for Node built-ins; an ES
  // module has no require, so each file gets one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  // Without comments and indentation. Why: every thread that loads the bundle (a search thread
  // too) keeps its source text for lazy compilation, and one non-Latin-1 char in a comment (an
  // em dash in zod) made V8 keep the whole text at two bytes a char. Names are kept, so stack
  // traces still name their functions.
  minifyWhitespace: true,
};
