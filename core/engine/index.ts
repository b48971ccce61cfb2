export { evaluate, type EvaluateOptions } from './evaluate';
export { compilePack, lookupReason, type CompiledPack } from './compile';
export { blockOf } from './recidivism';
