// Starts the TypeScript search worker from sources (tests, `tsx`): a worker thread does not
// inherit a test runner's TypeScript transform, so tsx is registered here for this import only.
// The bundle (dist/serve) starts its compiled search-worker.mjs directly and never comes here.
import { workerData } from 'piscina';

const { tsImport } = await import('tsx/esm/api');
const loaded = await tsImport(workerData.entry, import.meta.url);
export default loaded.default.default ?? loaded.default;
