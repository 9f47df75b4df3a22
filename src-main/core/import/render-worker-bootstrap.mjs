// Starts the TypeScript render worker from sources (tests, `tsx` CLI): a worker thread does not
// inherit a test runner's TypeScript transform, so tsx is registered here, for this import only.
// Built bundles never come here: they start their compiled worker file directly.
import { workerData } from 'node:worker_threads';

const { tsImport } = await import('tsx/esm/api');
await tsImport(workerData.entry, import.meta.url);
