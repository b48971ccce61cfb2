import type { CaseKind, Facts, Platform } from '../../core/model/facts';
import type { Guidance } from '../../core/model/guidance';
import type { LedgerEntry } from '../../core/model/ledger';
import type { RulePack } from '../../core/model/rule-pack';
import type { Settings } from '../../core/model/settings';
import type { ContactFlag, PackChanges } from '../../core/rules/preview';

/**
 * What the background needs from the rules core (core/index.ts). Injected so the handlers
 * are tested with the real core and, where a test needs a precise edge, a small stand-in.
 */
export interface RulesApi {
  evaluate(
    facts: Facts,
    pack: RulePack,
    opts: {
      now: string;
      ledger?: LedgerEntry[];
      platform?: Platform;
      kind?: CaseKind;
      profile?: string;
      settings?: Settings;
    },
  ): Guidance;
  /** The built-in pack (read once, then the same frozen object). */
  defaultPack(): Promise<RulePack>;
  parseRulePack(
    json: string,
  ): { ok: true; pack: RulePack; warnings?: string[] } | { ok: false; error: string };
  /** Import preview (core/rules/preview.ts). */
  packChanges(active: RulePack, next: RulePack): PackChanges;
  contactFlags(pack: RulePack): ContactFlag[];
  trialEvaluation(pack: RulePack): { platform: string; kind: string; reason: string | undefined } | null;
}
