/** The error every stand-in throws: this app makes no request, so nothing may ask it to. */
export function networkRefused(what: string): Error {
  return new Error(`${what}: the archive reader makes no network request`);
}
