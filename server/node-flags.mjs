/**
 * The Node.js flags the server runs with (`npm start`, `npm run demo`, the benchmarks), in one
 * place. `--max-semi-space-size=32` (MB; the default is 16 on this machine): a page allocates a few
 * MB (loader data, React's render, the response), so with a larger young generation fewer
 * short-lived objects are scavenged and promoted. About 1 ms less server CPU a request in the jobs
 * benchmark (docs/performance.md), for 32 MB more memory at most.
 * package.json's "start" script repeats them (tests/unit/node-flags.test.ts checks it does).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];
