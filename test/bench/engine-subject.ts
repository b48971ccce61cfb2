/**
 * What the engine bench times, from both sides, as one entry module: our evaluate and the
 * default pack (core/index.ts) and the json-rules-engine model with the wrappers that ask
 * both engines the same questions (test/models/jre-model.ts). test/bench/engine-vs-jre.ts
 * bundles this file once with esbuild (one scope, as Vite/Rollup ship core in the
 * extension; json-rules-engine stays an external package from node_modules) and times both
 * engines from that bundle. Not imported directly by anything but types.
 */
export { defaultPack, evaluate } from '../../core/index';
export { jreAnswer, makeJre, ourAnswer, sameAnswer } from '../models/jre-model';
