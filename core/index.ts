/**
 * Public API of the rules core (pure TypeScript, no browser APIs).
 *
 *   evaluate(facts, pack, { now, ledger?, platform?, kind?, profile?, settings? }) → Guidance
 *   defaultPack: RulePack
 *   parseRulePack(input: unknown | string) → { ok: true, pack, warnings } | { ok: false, error }
 *   FactsSchema, GuidanceSchema, RulePackSchema + the model, time and money helpers.
 */
export { evaluate, compilePack, blockOf, type EvaluateOptions } from './engine';
export { defaultPack, defaultPackInput, parseRulePack, formatPath, SEEDS, SEED_FILES } from './rules';
export * from './model';
export * from './model/rule-pack';
export * from './model/settings';
export * from './time';
export * from './money';
export { compileTemplate, renderTemplate, type RenderedReply } from './replies';
export { memoLine, ruleShortName, MEMO_DECISIONS, type MemoDecision } from './replies/memo';
export { normalizeText, normalizeLabel } from './text/normalize';
