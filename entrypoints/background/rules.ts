import { evaluate } from '../../core/engine';
import { defaultPack, parseRulePack } from '../../core/rules';
import type { RulesApi } from './rules-api';

/**
 * The real rules core (the same functions core/index.ts exports), imported from their own
 * modules so the worker bundle does not carry schemas it never runs (size budget).
 */
export const coreRules: RulesApi = { evaluate, defaultPack, parseRulePack };
