import { batchCheckOf } from '../../core/batch/safe-batches';
import type { PanelRead } from '../../core/model/facts';
import type { LedgerEntry } from '../../core/model/ledger';
import type { RulePack } from '../../core/model/rule-pack';
import type { Settings } from '../../core/model/settings';
import type { SentinelStore } from '../../core/store';
import { toBeijingIso } from '../../core/time';
import type { CaseView } from '../../protocol/views';
import type { PackService } from './pack-service';
import { lazily, type Lazy } from './promises';
import type { RulesApi } from './rules-api';
import { loadSettings, type EffectiveSettings } from './settings-service';
import { DAY_MS } from '../../core/time/units';

/** What every evaluation of one worker lifetime shares until something changes it. */
export interface EvalContext {
  settings: Settings;
  pack: RulePack;
  ledger: LedgerEntry[];
  /** Bumped on every invalidation: views evaluated with an older context are recomputed. */
  version: number;
}

/** How far back the ledger counts (caps, recidivism); older entries are purged by the daily alarm. */
export const LEDGER_LOOKBACK_DAYS = 400;

interface EvaluatorDeps {
  store: () => Promise<SentinelStore>;
  /** The enterprise policy answered late and differs from what the settings used: evaluate everything again. */
  policyLate?: () => void;
  packs: PackService;
  rules: RulesApi;
  nowMs: () => number;
}

/**
 * The evaluation context (effective settings, active pack, ledger), read once and kept in
 * memory until a change invalidates it, and the evaluation of one case with it.
 */
export class Evaluator {
  private version = 0;
  private current: Promise<EvalContext> | null = null;
  private readonly effective: Lazy<EffectiveSettings>;

  constructor(private readonly deps: EvaluatorDeps) {
    this.effective = lazily(async () => loadSettings(await deps.store(), deps.policyLate));
  }

  /** The effective settings (managed policy applied) and the leaves the policy locks. */
  settings(): Promise<EffectiveSettings> {
    return this.effective.get();
  }

  /** Settings, pack or ledger changed: the next context is read afresh. */
  invalidate(): void {
    this.version++;
    this.current = null;
    this.effective.reset();
  }

  /** The current context; re-awaited if it was invalidated while loading. */
  async context(): Promise<EvalContext> {
    for (;;) {
      const version = this.version;
      const p = (this.current ??= this.load(version).catch((e: unknown) => {
        if (this.version === version) this.current = null;
        throw e;
      }));
      const c = await p;
      if (c.version === this.version) return c;
    }
  }

  /** Evaluate one read at its evaluation instant `at`; null when the core cannot (logged). */
  evaluate(
    read: PanelRead,
    key: string,
    tabId: number,
    url: string,
    at: string,
    c: EvalContext,
  ): CaseView | null {
    const { settings } = c;
    const platform = settings.platformProfile === 'auto' ? read.platform : settings.platformProfile;
    try {
      const profile = settings.ruleProfiles[platform] || undefined;
      const guidance = this.deps.rules.evaluate(read.facts, c.pack, {
        now: at,
        ledger: c.ledger,
        platform,
        kind: read.kind,
        settings,
        ...(profile ? { profile } : {}),
      });
      return {
        key,
        tabId,
        url,
        read,
        guidance,
        seenAt: at,
        batch: batchCheckOf(read, guidance, c.pack, settings.safeBatches),
      };
    } catch (e) {
      // One case the core cannot evaluate must not hide the others.
      console.error('[sentinel] evaluate failed for', key, e);
      return null;
    }
  }

  private async load(version: number): Promise<EvalContext> {
    const [{ settings }, { pack }, entries] = await Promise.all([
      this.settings(),
      this.deps.packs.active(),
      this.ledger(),
    ]);
    return { settings, pack, ledger: entries, version };
  }

  private async ledger(): Promise<LedgerEntry[]> {
    const since = toBeijingIso(this.deps.nowMs() - LEDGER_LOOKBACK_DAYS * DAY_MS);
    const rows = await (await this.deps.store()).listLedger(since);
    return rows.map(({ seq: _seq, confirmedAt: _c, ...entry }) => entry);
  }
}
