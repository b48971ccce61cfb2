import { describe, expect, it } from 'vitest';
import { defaultPack, parseRulePack } from '../../../core/index';
import { FactsSchema } from '../../../core/model/facts';
import { SettingsPatchSchema, SettingsSchema } from '../../../core/model/settings';
import { formatZodError } from '../../../core/model/zod';

/**
 * The schemas are written with `zod/mini`, which ships without a locale: every built-in issue
 * would read just "Invalid input". core/model/zod.ts loads the English messages; an agent
 * importing a broken pack must still be told what was expected, not only where.
 */
const clone = () =>
  JSON.parse(JSON.stringify(defaultPack)) as Record<string, unknown> & { rules: Record<string, unknown>[] };

describe('validation messages say what was expected', () => {
  it('a pack with an empty id and a rule with a number for its id', () => {
    const pack = clone();
    pack.id = '';
    pack.rules[2]!.id = 7;
    const r = parseRulePack(JSON.stringify(pack));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('id: Too small: expected string to have >=1 characters');
      expect(r.error).toContain('rules[2].id: Invalid input: expected string, received number');
    }
  });

  it('a pack field outside its enum lists the allowed values', () => {
    const pack = clone();
    pack.defaultPlatform = 'jd';
    const r = parseRulePack(pack);
    expect(!r.ok && r.error).toBe('defaultPlatform: Invalid option: expected one of "tmall"|"taobao"');
  });

  it('facts: a wrong type and a negative amount', () => {
    const r = FactsSchema.safeParse({ buyer: 12, paidAmount: -1 });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(formatZodError(r.error)).toBe(
        'buyer: Invalid input: expected string, received number; paidAmount: Too small: expected number to be >=0',
      );
    }
  });

  it('a settings patch with an unknown key, and limits out of range', () => {
    const r = SettingsPatchSchema.safeParse({
      colour: 'red',
      shopPolicy: { remedyLimits: { smallCashMaxPercent: 120 } },
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(formatZodError(r.error)).toBe(
        'shopPolicy.remedyLimits.smallCashMaxPercent: Too big: expected number to be <=100; (root): Unrecognized key: "colour"',
      );
    }
  });

  it('custom messages and defaults still apply', () => {
    const r = SettingsSchema.safeParse({ teamPack: { url: 'http://packs.example.com/p.json' } });
    expect(!r.success && formatZodError(r.error)).toBe('teamPack.url: team pack URL must be https://');
    const s = SettingsSchema.parse({ warningThresholdsHours: [1, 4, 4] });
    expect(s.warningThresholdsHours).toEqual([4, 1]);
    expect(s.shopPolicy.remedyLimits).toEqual({
      exchangeUpliftPercent: 30,
      couponMaxPercentOfOrder: 100,
      smallCashMinPercent: 5,
      smallCashMaxPercent: 10,
      priceDifferenceWaiveYuan: 5,
    });
    expect(s.teamPack).toEqual({ url: '', refreshHours: 24, sha256: '' });
  });
});
