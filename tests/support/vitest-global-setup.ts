import { ensureFreshBundles } from './bundles';

/** Vitest's global set-up: the bundles are rebuilt (when stale) once, before any worker starts a child process. */
export default function setup(): void {
  console.log(ensureFreshBundles());
}
