import { DEFAULT_BATCH_LIMITS } from '../batch/limits';
import { DEFAULT_MEMO_TEMPLATE, MEMO_TEMPLATE_MAX } from '../replies/memo';
import { MAX_REMEMBERED_SHOPS } from './platform-answer';
import { PLATFORMS, TRADE_STATUSES } from './vocabulary';
import { REASON_CATEGORIES } from './rule-pack';
import { intIn, z } from './zod';

export { MAX_REMEMBERED_SHOPS };

/**
 * The agent's settings (options page), also pushable by an administrator through
 * enterprise policy (`storage.managed`, public/managed_schema.json mirrors this shape).
 * Managed values override the agent's own, key by key.
 *
 * Everything has a default, so `SettingsSchema.parse({})` is the factory setting and an
 * older stored object missing newer keys still parses.
 */

export const PLATFORM_PROFILES = ['auto', 'tmall', 'taobao'] as const;
export type PlatformProfile = (typeof PLATFORM_PROFILES)[number];
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Remedy ladder limits (S3 authority table). Shop policy, not platform law: the agent may
 * offer up to these limits without escalating.
 */
export const RemedyLimitsSchema = z
  .object({
    /** Exchange for another item priced up to the original price + this percent. */
    exchangeUpliftPercent: z._default(intIn(0, 100), 30),
    /** Store coupon up to this percent of the order amount (100 = 1 × order). */
    couponMaxPercentOfOrder: z._default(intIn(0, 500), 100),
    /** Small cash compensation, as a percent range of the paid amount. */
    smallCashMinPercent: z._default(intIn(0, 100), 5),
    smallCashMaxPercent: z._default(intIn(0, 100), 10),
    /** Exchange price differences up to this many yuan may be waived. */
    priceDifferenceWaiveYuan: z._default(z.number().check(z.minimum(0), z.maximum(1000)), 5),
  })
  .check(
    z.refine((r) => r.smallCashMinPercent <= r.smallCashMaxPercent, {
      message: 'smallCashMinPercent must not exceed smallCashMaxPercent',
      path: ['smallCashMinPercent'],
    }),
  );
export type RemedyLimits = z.infer<typeof RemedyLimitsSchema>;

/**
 * The shop's 备注 memo line (core/replies/memo.ts): {决定} what was decided, {规则} the rule id,
 * {规则名} its short name, {签名} the agent's signature, {时间} Beijing time; also {订单号}
 * {退款编号} {原因} {退款金额}.
 */
export { DEFAULT_MEMO_TEMPLATE, MEMO_TEMPLATE_MAX };

export const ShopPolicySchema = z.object({
  /** Shop name used in replies (【店铺名】). */
  shopName: z._default(z.string().check(z.maxLength(60)), ''),
  /** The agent's signature appended to / used in replies (【客服签名】). */
  signature: z._default(z.string().check(z.maxLength(200)), ''),
  /** Seller pays shipping unless the panel says otherwise (包邮). */
  freeShippingDefault: z._default(z.boolean(), false),
  remedyLimits: z._default(RemedyLimitsSchema, () => RemedyLimitsSchema.parse({})),
  /** The 备注 memo template (see DEFAULT_MEMO_TEMPLATE). */
  memoTemplate: z._default(z.string().check(z.maxLength(MEMO_TEMPLATE_MAX)), DEFAULT_MEMO_TEMPLATE),
});
export type ShopPolicy = z.infer<typeof ShopPolicySchema>;

const SHA256 = z.union([
  z.literal(''),
  z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256: 64 hexadecimal digits')),
]);

export const TeamPackSchema = z.object({
  /** https URL of a team rule pack (JSON); '' = none. Fetched with ETag / If-None-Match. */
  url: z._default(
    z.union([z.literal(''), z.url({ protocol: /^https$/, error: 'team pack URL must be https://' })]),
    '',
  ),
  refreshHours: z._default(intIn(1, 168), 24),
  /**
   * The administrator's pin: the SHA-256 (hex) the pack's bytes must have; '' = none. A
   * download with another hash is refused and nothing is staged (the team pack is then
   * exactly the file the administrator vouched for).
   */
  sha256: z._default(SHA256, ''),
});
export type TeamPack = z.infer<typeof TeamPackSchema>;

/**
 * The agent's answer to "天猫 or 淘宝?" per shop, for pages that do not say (the workbench):
 * shop name (shopPolicy.shopName; '' when none is set) → platform.
 */
const ShopPlatformsSchema = z.record(z.string().check(z.maxLength(60)), z.enum(PLATFORMS)).check(
  z.refine((r) => Object.keys(r).length <= MAX_REMEMBERED_SHOPS, {
    message: `at most ${MAX_REMEMBERED_SHOPS} shops`,
  }),
);

/**
 * The rule-pack profile (era variant) per platform, e.g. `tmall-legacy` for shops still on
 * the pre-2019 Tmall rules; '' = the pack's default profile for that platform. A profile the
 * active pack does not have falls back to that default (the engine decides).
 */
export const RuleProfilesSchema = z.object({
  tmall: z._default(z.string().check(z.maxLength(80)), ''),
  taobao: z._default(z.string().check(z.maxLength(80)), ''),
});

/**
 * Safe batches (core/batch/safe-batches.ts): which refunds the shop agrees without a call, so
 * the side panel can list them for the platform's own 批量同意退款. Default from S0: before
 * shipping, the reasons the seller may refund directly (拍错了/订单信息错误, 不想买了: 在未发货状态下,
 * 如果买家选择的退款原因不是卖家缺货和未按约定时间发货是不涉及赔付的,大家可以自行完成退款). A reason
 * that triggers compensation never qualifies, whatever is listed here (the core checks the pack).
 *
 * The per-batch limits are SHOP DEFAULTS: neither the seeds nor the back-office notes give the
 * platform's batch limit; set them to what the platform's page allows.
 */
export const BatchLimitSchema = z.object({
  count: intIn(1, 500),
  yuan: z.number().check(z.positive(), z.maximum(10_000_000)),
});
export type BatchLimit = z.infer<typeof BatchLimitSchema>;
export { DEFAULT_BATCH_LIMITS };

export const SafeBatchesSchema = z.object({
  enabled: z._default(z.boolean(), true),
  categories: z._default(
    z.array(z.enum(REASON_CATEGORIES)).check(z.maxLength(REASON_CATEGORIES.length)),
    (): ('buyer-mistake' | 'no-longer-wanted')[] => ['buyer-mistake', 'no-longer-wanted'],
  ),
  /** Trade states that qualify (unshipped only by default). */
  tradeStatuses: z._default(
    z.array(z.enum(TRADE_STATUSES)).check(z.maxLength(TRADE_STATUSES.length)),
    (): '买家已付款'[] => ['买家已付款'],
  ),
  /** Largest refund (yuan) agreed without a call; null: no limit of the shop's own. */
  maxRefundYuan: z._default(z.nullable(z.number().check(z.positive(), z.maximum(10_000_000))), null),
  /** Only refunds requested within this many minutes of payment; null: any. */
  maxMinutesSincePayment: z._default(z.nullable(intIn(1, 60 * 24 * 90)), null),
  limits: z._default(
    z.object({
      tmall: z._default(BatchLimitSchema, () => ({ ...DEFAULT_BATCH_LIMITS.tmall })),
      taobao: z._default(BatchLimitSchema, () => ({ ...DEFAULT_BATCH_LIMITS.taobao })),
    }),
    () => ({ tmall: { ...DEFAULT_BATCH_LIMITS.tmall }, taobao: { ...DEFAULT_BATCH_LIMITS.taobao } }),
  ),
});
export type SafeBatches = z.infer<typeof SafeBatchesSchema>;

/** Warning thresholds in hours (1 to 4 of them, each in (0, 14 days]). */
const ThresholdsSchema = z
  .array(z.number().check(z.positive(), z.maximum(24 * 14)))
  .check(z.minLength(1), z.maxLength(4));

export const SettingsSchema = z.object({
  /** `auto` = take the platform from the page (host / adapter). */
  platformProfile: z._default(z.enum(PLATFORM_PROFILES), 'auto'),
  ruleProfiles: z._default(RuleProfilesSchema, () => RuleProfilesSchema.parse({})),
  /**
   * Warning thresholds in hours before a deadline, most distant first (default 4 h then 1 h).
   * A deadline under the FIRST threshold (and not breached) counts as urgent.
   */
  warningThresholdsHours: z.pipe(
    z._default(ThresholdsSchema, [4, 1]),
    z.transform((a: number[]) => [...new Set(a)].sort((x, y) => y - x)),
  ),
  shopPolicy: z._default(ShopPolicySchema, () => ShopPolicySchema.parse({})),
  locale: z._default(z.enum(LOCALES), 'zh-CN'),
  recentCaseRetentionDays: z._default(intIn(1, 365), 30),
  teamPack: z._default(TeamPackSchema, () => TeamPackSchema.parse({})),
  shopPlatforms: z._default(ShopPlatformsSchema, () => ({})),
  safeBatches: z._default(SafeBatchesSchema, () => SafeBatchesSchema.parse({})),
});
export type Settings = z.infer<typeof SettingsSchema>;
/** The top-level keys (used for managed-policy locking). */
export const SETTINGS_KEYS = [
  'platformProfile',
  'ruleProfiles',
  'warningThresholdsHours',
  'shopPolicy',
  'locale',
  'recentCaseRetentionDays',
  'teamPack',
  'shopPlatforms',
  'safeBatches',
] as const;
export type SettingsKey = (typeof SETTINGS_KEYS)[number];

export const defaultSettings = (): Settings => SettingsSchema.parse({});

/** A partial update (options page): validated key by key; nested objects merge one level deep. */
export const SettingsPatchSchema = z.partial(
  z.strictObject({
    platformProfile: z.enum(PLATFORM_PROFILES),
    ruleProfiles: z.partial(
      z.object({ tmall: z.string().check(z.maxLength(80)), taobao: z.string().check(z.maxLength(80)) }),
    ),
    warningThresholdsHours: ThresholdsSchema,
    shopPolicy: z.partial(
      z.object({
        shopName: z.string().check(z.maxLength(60)),
        signature: z.string().check(z.maxLength(200)),
        freeShippingDefault: z.boolean(),
        memoTemplate: z.string().check(z.maxLength(MEMO_TEMPLATE_MAX)),
        remedyLimits: z.partial(
          z.object({
            exchangeUpliftPercent: intIn(0, 100),
            couponMaxPercentOfOrder: intIn(0, 500),
            smallCashMinPercent: intIn(0, 100),
            smallCashMaxPercent: intIn(0, 100),
            priceDifferenceWaiveYuan: z.number().check(z.minimum(0), z.maximum(1000)),
          }),
        ),
      }),
    ),
    locale: z.enum(LOCALES),
    recentCaseRetentionDays: intIn(1, 365),
    teamPack: z.partial(z.object({ url: z.string(), refreshHours: intIn(1, 168), sha256: SHA256 })),
    /** Replaces the whole map (so the options page can forget answers). */
    shopPlatforms: ShopPlatformsSchema,
    safeBatches: z.partial(
      z.object({
        enabled: z.boolean(),
        categories: z.array(z.enum(REASON_CATEGORIES)),
        tradeStatuses: z.array(z.enum(TRADE_STATUSES)),
        maxRefundYuan: z.nullable(z.number().check(z.positive(), z.maximum(10_000_000))),
        maxMinutesSincePayment: z.nullable(intIn(1, 60 * 24 * 90)),
        limits: z.partial(z.object({ tmall: BatchLimitSchema, taobao: BatchLimitSchema })),
      }),
    ),
  }),
);
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export { answerPlatformPatch, answeredPlatform, shopKey, type PlatformSettings } from './platform-answer';

/**
 * Merge a patch into settings (one level deep for shopPolicy / teamPack, two for
 * remedyLimits) and re-validate the whole. Throws a ZodError (zod/mini: `z.core.$ZodError`) with the path when invalid.
 */
export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  const merged = {
    ...base,
    ...patch,
    shopPolicy: {
      ...base.shopPolicy,
      ...patch.shopPolicy,
      remedyLimits: { ...base.shopPolicy.remedyLimits, ...patch.shopPolicy?.remedyLimits },
    },
    teamPack: { ...base.teamPack, ...patch.teamPack },
    ruleProfiles: { ...base.ruleProfiles, ...patch.ruleProfiles },
    safeBatches: {
      ...base.safeBatches,
      ...patch.safeBatches,
      limits: { ...base.safeBatches.limits, ...patch.safeBatches?.limits },
    },
  };
  return SettingsSchema.parse(merged);
}

/** Leaf paths an administrator can set through enterprise policy (managed_schema.json). */
export const MANAGED_PATHS = [
  'platformProfile',
  'ruleProfiles.tmall',
  'ruleProfiles.taobao',
  'warningThresholdsHours',
  'locale',
  'recentCaseRetentionDays',
  'shopPolicy.shopName',
  'shopPolicy.signature',
  'shopPolicy.freeShippingDefault',
  'shopPolicy.remedyLimits.exchangeUpliftPercent',
  'shopPolicy.remedyLimits.couponMaxPercentOfOrder',
  'shopPolicy.remedyLimits.smallCashMinPercent',
  'shopPolicy.remedyLimits.smallCashMaxPercent',
  'shopPolicy.remedyLimits.priceDifferenceWaiveYuan',
  'teamPack.url',
  'teamPack.refreshHours',
  'teamPack.sha256',
] as const;
export type ManagedPath = (typeof MANAGED_PATHS)[number];

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function patchFor(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((acc, part) => ({ [part]: acc }), value) as Record<string, unknown>;
}

/**
 * Apply enterprise policy (`storage.managed` contents) over the agent's settings, leaf by
 * leaf. A managed value that fails validation is ignored (listed in `rejected`) so one
 * bad policy entry cannot break the extension. `locked` = the leaves the policy decides.
 */
export function applyManaged(
  agent: Settings,
  managed: unknown,
): { settings: Settings; locked: ManagedPath[]; rejected: string[] } {
  let settings = agent;
  const locked: ManagedPath[] = [];
  const rejected: string[] = [];
  for (const path of MANAGED_PATHS) {
    const value = getPath(managed, path);
    if (value === undefined) continue;
    const patch = SettingsPatchSchema.safeParse(patchFor(path, value));
    if (!patch.success) {
      rejected.push(path);
      continue;
    }
    try {
      settings = mergeSettings(settings, patch.data);
      locked.push(path);
    } catch {
      rejected.push(path);
    }
  }
  return { settings, locked, rejected };
}

/** Remove the locked leaves from an agent's patch (policy wins; the rest still saves). */
export function withoutLocked(patch: SettingsPatch, locked: readonly string[]): SettingsPatch {
  const copy = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>;
  for (const path of locked) {
    const parts = path.split('.');
    let cur: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) {
      const next: unknown = cur?.[part];
      cur = next && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    if (cur) delete cur[parts[parts.length - 1]!];
  }
  return copy;
}
