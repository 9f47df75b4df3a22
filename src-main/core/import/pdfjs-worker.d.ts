// pdfjs-dist types its main module only. Its worker module (the code pdf.js runs in this thread in
// Node, as its "fake worker") exports the handler pdf-text.ts hands over through `pdfjsWorker`.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

/** pdf.js's documented hook: a worker module already loaded in this thread (pdf.worker.mjs sets it). */
// eslint-disable-next-line no-var -- a global declared for globalThis is a `var`
declare var pdfjsWorker: { WorkerMessageHandler: unknown } | undefined;
