/**
 * Public API of the rules core (pure TypeScript, no browser APIs).
 *
 *   evaluate(facts, pack, { now, ledger?, platform?, kind?, profile?, settings? }) → Guidance
 *   defaultPack: RulePack
 *   parseRulePack(input: unknown | string) → { ok: true, pack, warnings } | { ok: false, error }
 *   FactsSchema, GuidanceSchema, RulePackSchema + the model, time and money helpers.
 */
export { evaluate, deriveKind, compilePack, blockOf, type EvaluateOptions, type EvaluateSettings } from './engine';
export { defaultPack, defaultPackInput, parseRulePack, formatPath, SEEDS, SEED_FILES, type ParseRulePackResult } from './rules';
export * from './model';
export * from './model/rule-pack';
export * from './model/settings';
export * from './time';
export * from './money';
export { compileTemplate, renderTemplate, PLACEHOLDER_MARKS, type RenderedReply } from './replies';
export { memoLine, decidingRule, ruleShortName, memoTime, MEMO_DECISIONS, MEMO_PLACEHOLDER_NAMES, type MemoDecision, type MemoInput } from './replies/memo';
export { normalizeText, normalizeLabel } from './text/normalize';
