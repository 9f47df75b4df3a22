/**
 * V8's own JSON.stringify, kept from before any test file runs (a setup file imports this module
 * first, and a worker evaluates it once). pdf.js's legacy build, the one Node 20 needs, carries
 * core-js, which on loading replaces JSON.stringify with its own (written in JavaScript, for
 * JSON.rawJSON, which Node 20 lacks): measured 24× slower on 2,000 small objects and 70× on a
 * 10 MB string. Once one test has read a PDF in its thread, every later file in a shared worker
 * would pay that, so keep-native-json.ts puts V8's back after each test. The results are the same:
 * core-js differs only for JSON.rawJSON values, which nothing here makes.
 */
export const nativeJsonStringify: typeof JSON.stringify = JSON.stringify;

export function restoreNativeJsonStringify(): void {
  if (JSON.stringify !== nativeJsonStringify) JSON.stringify = nativeJsonStringify;
}
