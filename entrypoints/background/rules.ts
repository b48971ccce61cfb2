import { defaultPack, evaluate, parseRulePack } from '../../core';
import type { RulesApi } from './rules-api';

/** The real rules core, as the background uses it. */
export const coreRules: RulesApi = { evaluate, defaultPack, parseRulePack };
