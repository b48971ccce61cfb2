import { RulePackSchema, type RulePack } from '../model/rule-pack';
import { defaultPackInput } from './default-pack';

export { defaultPackInput } from './default-pack';
export { parseRulePack, formatPath, type ParseRulePackResult } from './parse';
export { SEEDS, SEED_FILES, cite } from './sources';

/** The default pack, validated once at load (a broken default pack fails loudly, in tests first). */
export const defaultPack: RulePack = RulePackSchema.parse(defaultPackInput);
