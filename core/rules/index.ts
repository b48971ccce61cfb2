import type { RulePack } from '../model/rule-pack';
import { defaultPackInput } from './default-pack';
import { deepFreeze } from './packaged';

export { defaultPackInput } from './default-pack';
export { parseRulePack, formatPath } from './parse';
export { SEEDS, SEED_FILES, cite } from './sources';

/**
 * The default pack. It is typed as a RulePack and validated against RulePackSchema by the
 * unit tests (test/unit/core/rule-pack.test.ts), so loading it costs no zod parse; it is
 * frozen because the engine caches its compiled form per pack object.
 */
export const defaultPack: RulePack = deepFreeze(defaultPackInput);
