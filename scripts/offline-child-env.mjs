// The environment for the Node processes that `npm start`, `npm test` and `npm run bench` start:
// the caller's own, without NODE_EXTRA_CA_CERTS.
//
// Why: Node reads that variable when a process starts, before any script runs, and then parses
// every certificate of the file it names together with its own root certificates. Some machines
// set it for everything (this one does, for its package registry's proxy: 144 certificates),
// and there it made each Node start cost 5.5 times the instructions of a start without it
// (503 against 91 million, callgrind, `node` of an empty file) — about 45 ms of CPU, a quarter
// of all a browser-mode start spends until its first search. Only TLS connections read those
// certificates, and none of these processes makes one: the app never uses the network, and the
// tests and benchmarks run offline.
export const EXTRA_CA_CERTS_VARIABLE = 'NODE_EXTRA_CA_CERTS';

/** A copy of `env` (default: this process's) without NODE_EXTRA_CA_CERTS. */
export function offlineChildEnv(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== EXTRA_CA_CERTS_VARIABLE));
}
