import type { RulePack } from '../../core/model/rule-pack';
import type { PackRecord, SentinelStore } from '../../core/store';
import { PREVIEW_LIST_MAX, type PackInfo, type PackPreview } from '../../protocol/views';
import type { RulesApi } from './rules-api';

/**
 * The active rule pack: read from IndexedDB once per worker lifetime and cached in memory
 * (the cache is only an optimisation — IndexedDB is the truth), invalidated on every
 * import / reset. The built-in default pack is never copied into the database: a record
 * with source `default` means "whatever default this build ships", so updates reach agents.
 */

interface LoadedPack {
  pack: RulePack;
  info: PackInfo;
}

type ImportResult = { ok: true; info: PackInfo; warnings?: string[] } | { ok: false; error: string };
type StageResult = { ok: true; preview: PackPreview } | { ok: false; error: string };

/** A pack waiting for the agent's confirmation (IndexedDB meta `pendingPack`: survives a worker restart). */
interface PendingRecord {
  json: string;
  source: 'file' | 'url';
  sourceUrl?: string;
  preview: PackPreview;
}
const PENDING = 'pendingPack';

/** The SHA-256 of a text (UTF-8), lowercase hex. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class PackService {
  private cache: Promise<LoadedPack> | null = null;

  constructor(
    private readonly store: () => Promise<SentinelStore>,
    private readonly rules: RulesApi,
    private readonly nowIso: () => string,
  ) {}

  invalidate(): void {
    this.cache = null;
  }

  active(): Promise<LoadedPack> {
    if (!this.cache) {
      this.cache = this.load().catch((e: unknown) => {
        this.cache = null;
        throw e;
      });
    }
    return this.cache;
  }

  private async defaultInfo(importedAt: string): Promise<PackInfo> {
    const p = await this.rules.defaultPack();
    return { id: p.id, version: p.version, importedAt, ruleCount: p.rules.length, source: 'default' };
  }

  private async load(): Promise<LoadedPack> {
    const store = await this.store();
    const rec = await store.getPack('active');
    if (rec && rec.source !== 'default') {
      const parsed = this.rules.parseRulePack(rec.json);
      if (parsed.ok) return { pack: parsed.pack, info: toInfo(rec, parsed.pack) };
      // A stored pack this build can no longer read: fall back to the default, keep the record.
      console.error('[sentinel] stored rule pack no longer valid, using the default pack:', parsed.error);
    }
    const pack = await this.rules.defaultPack();
    if (!rec) {
      // First run: record the built-in pack as active, so the first import makes it "previous".
      const first = await this.defaultRecord();
      await store.installPack(first);
      return { pack, info: await this.defaultInfo(first.importedAt) };
    }
    return { pack, info: await this.defaultInfo(rec.importedAt) };
  }

  private async defaultRecord(): Promise<Omit<PackRecord, 'slot'>> {
    const p = await this.rules.defaultPack();
    return {
      id: p.id,
      version: p.version,
      importedAt: this.nowIso(),
      json: '',
      ruleCount: p.rules.length,
      source: 'default',
    };
  }

  async info(): Promise<{ active: PackInfo; previous: PackInfo | null }> {
    const active = (await this.active()).info;
    const prev = await (await this.store()).getPack('previous');
    return { active, previous: prev ? await this.recordInfo(prev) : null };
  }

  private async recordInfo(rec: PackRecord): Promise<PackInfo> {
    if (rec.source === 'default') return this.defaultInfo(rec.importedAt);
    return toInfo(rec);
  }

  /** The pack text validated (parseRulePack); a parser that throws is reported like a refusal. */
  private parse(json: string): ReturnType<RulesApi['parseRulePack']> {
    try {
      return this.rules.parseRulePack(json);
    } catch (e) {
      return { ok: false, error: `pack could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /**
   * The one activation path (a confirmed pending pack; tests): validate with parseRulePack;
   * on any error return it (with the zod path) and keep the active pack; on success
   * previous ← active, active ← new (one transaction). Packs from outside reach it only
   * through `stage` and `decide` (the agent's confirmation).
   */
  async importJson(json: string, source: 'file' | 'url', sourceUrl?: string): Promise<ImportResult> {
    await this.active(); // makes sure the current pack is recorded, so it becomes "previous"
    const parsed = this.parse(json);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const pack = parsed.pack;
    const record: Omit<PackRecord, 'slot'> = {
      id: pack.id,
      version: pack.version,
      importedAt: this.nowIso(),
      json,
      ruleCount: pack.rules.length,
      source,
      ...(sourceUrl ? { sourceUrl } : {}),
    };
    try {
      await (await this.store()).installPack(record);
    } catch (e) {
      return {
        ok: false,
        error: `the pack could not be saved, the active pack is unchanged: ${e instanceof Error ? e.message : String(e)}`,
      };
    } finally {
      this.invalidate();
    }
    const info = toInfo({ ...record, slot: 'active' });
    return parsed.warnings?.length ? { ok: true, info, warnings: parsed.warnings } : { ok: true, info };
  }

  /**
   * A file or team-URL pack is never made active on arrival: it is validated, tried on sample
   * cases within the work budget (core/rules/preview.ts), and kept as the ONE pending pack
   * with its preview (what changes, flagged replies). `confirm` with its token activates it.
   */
  async stage(json: string, source: 'file' | 'url', sourceUrl?: string): Promise<StageResult> {
    const parsed = this.parse(json);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const pack = parsed.pack;
    const heavy = this.rules.trialEvaluation(pack);
    if (heavy) {
      return {
        ok: false,
        error: `the pack asks for more work than allowed on a ${heavy.platform} ${heavy.kind} case${heavy.reason ? ` (reason ${heavy.reason})` : ''}: cases would be shown as not evaluable — refused`,
      };
    }
    const changes = this.rules.packChanges(await this.comparable(), pack);
    const stagedAt = this.nowIso();
    const preview: PackPreview = {
      token: await sha256Hex(json),
      info: {
        id: pack.id,
        version: pack.version,
        importedAt: stagedAt,
        ruleCount: pack.rules.length,
        source,
        ...(sourceUrl ? { sourceUrl } : {}),
      },
      stagedAt,
      changes: {
        added: changes.added.slice(0, PREVIEW_LIST_MAX),
        removed: changes.removed.slice(0, PREVIEW_LIST_MAX),
        changed: changes.changed.slice(0, PREVIEW_LIST_MAX),
      },
      counts: {
        added: changes.added.length,
        removed: changes.removed.length,
        changed: changes.changed.length,
      },
      flags: this.rules.contactFlags(pack).slice(0, PREVIEW_LIST_MAX),
      warnings: parsed.warnings ?? [],
    };
    const record: PendingRecord = { json, source, ...(sourceUrl ? { sourceUrl } : {}), preview };
    try {
      await (await this.store()).putMeta(PENDING, record);
    } catch (e) {
      return {
        ok: false,
        error: `the pack could not be kept for confirmation, the active pack is unchanged: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    return { ok: true, preview };
  }

  /**
   * The active pack as a parsed pack (defaults filled in as an imported pack has them), so
   * the preview lists real changes only: the built-in pack is written without the defaults.
   */
  private async comparable(): Promise<RulePack> {
    const { pack, info } = await this.active();
    if (info.source !== 'default') return pack;
    this.parsedDefault ??= (() => {
      const parsed = this.rules.parseRulePack(JSON.stringify(pack));
      return parsed.ok ? parsed.pack : pack;
    })();
    return this.parsedDefault;
  }
  private parsedDefault: RulePack | null = null;

  /** The pack waiting for confirmation, if any. */
  async pending(): Promise<PackPreview | null> {
    return (await (await this.store()).getMeta<PendingRecord>(PENDING))?.preview ?? null;
  }

  /** The pending pack's text (the team refresh compares it with a new download). */
  async pendingJson(): Promise<string | null> {
    return (await (await this.store()).getMeta<PendingRecord>(PENDING))?.json ?? null;
  }

  /**
   * The agent's answer to the preview: `accept` activates the pending pack whose token is
   * `token` (previous ← active), otherwise it is dropped. A token that is not the pending
   * pack's (another import replaced it meanwhile) changes nothing.
   */
  async decide(token: string, accept: boolean): Promise<ImportResult | { ok: true; discarded: true }> {
    const store = await this.store();
    const rec = await store.getMeta<PendingRecord>(PENDING);
    if (!rec || rec.preview.token !== token)
      return { ok: false, error: 'this pack is no longer the one waiting for confirmation: nothing changed' };
    if (!accept) {
      await store.deleteMeta(PENDING);
      return { ok: true, discarded: true };
    }
    const result = await this.importJson(rec.json, rec.source, rec.sourceUrl);
    if (result.ok) await store.deleteMeta(PENDING);
    return result;
  }

  async exportJson(): Promise<string> {
    const store = await this.store();
    const rec = await store.getPack('active');
    const { info } = await this.active();
    if (rec && rec.source !== 'default' && info.source !== 'default') return rec.json;
    return JSON.stringify(await this.rules.defaultPack(), null, 2);
  }

  async reset(): Promise<PackInfo> {
    await this.active();
    const record = await this.defaultRecord();
    try {
      await (await this.store()).installPack(record);
    } finally {
      this.invalidate();
    }
    return this.defaultInfo(record.importedAt);
  }

  /** The stored active record (team-pack refresh compares texts). */
  async activeRecord(): Promise<PackRecord | undefined> {
    return (await this.store()).getPack('active');
  }
}

function toInfo(rec: PackRecord, pack?: RulePack): PackInfo {
  return {
    id: pack?.id ?? rec.id,
    version: pack?.version ?? rec.version,
    importedAt: rec.importedAt,
    ruleCount: pack?.rules.length ?? rec.ruleCount,
    source: rec.source,
    ...(rec.sourceUrl ? { sourceUrl: rec.sourceUrl } : {}),
  };
}
