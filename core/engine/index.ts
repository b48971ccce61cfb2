export { evaluate, deriveKind, type EvaluateOptions, type EvaluateSettings } from './evaluate';
export { compilePack, lookupReason, type CompiledPack } from './compile';
export { blockOf, recidivismCount, type BlockPosition } from './recidivism';
