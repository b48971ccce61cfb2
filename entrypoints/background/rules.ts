import { browser } from '#imports';
import { evaluate } from '../../core/engine';
import { DEFAULT_PACK_FILE, readPackagedPack } from '../../core/rules/packaged';
import { parseRulePack } from '../../core/rules/parse';
import { contactFlags, packChanges, trialEvaluation } from '../../core/rules/preview';
import type { RulePack } from '../../core/model/rule-pack';
import type { RulesApi } from './rules-api';

let packaged: Promise<RulePack> | null = null;

/**
 * The default pack, read from the extension package once per worker lifetime (the build
 * writes it there: core/rules/packaged.ts). A failed read is not kept: the next call tries again.
 */
function packagedDefaultPack(): Promise<RulePack> {
  packaged ??= (async () => {
    const res = await fetch(browser.runtime.getURL(`/${DEFAULT_PACK_FILE}` as const));
    if (!res.ok) throw new Error(`the default rule pack could not be read (${res.status})`);
    return readPackagedPack(await res.text());
  })().catch((e: unknown) => {
    packaged = null;
    throw e;
  });
  return packaged;
}

/**
 * The real rules core (the same functions core/index.ts exports), imported from their own
 * modules so the worker bundle carries neither schemas it never runs nor the default pack's
 * data (size budget).
 */
export const coreRules: RulesApi = {
  evaluate,
  defaultPack: packagedDefaultPack,
  parseRulePack,
  packChanges,
  contactFlags,
  trialEvaluation: (pack) => trialEvaluation(pack),
};
