import type { RulePack } from '../model/rule-pack';

/**
 * The default pack ships as a data file beside the worker script: the build writes
 * `defaultPackInput` (default-pack.ts) as JSON to this path of the extension package
 * (wxt.config.ts), and the worker reads it once per lifetime (entrypoints/background/rules.ts).
 * The worker script stays code only; the pack's prose grows with every rule, and JSON.parse
 * of it is cheaper than evaluating the same object literal on every worker start.
 */
export const DEFAULT_PACK_FILE = 'rules/default-pack.json' as const;

/** Freeze a pack in place (the engine caches its compiled form per pack object). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * The packaged default pack from its JSON text. Not validated again: the file is written by
 * the build from the typed pack that the unit tests check against RulePackSchema
 * (test/unit/core/rule-pack.test.ts, and packaged-pack.test.ts for the file's text).
 */
export function readPackagedPack(json: string): RulePack {
  return deepFreeze(JSON.parse(json) as RulePack);
}
