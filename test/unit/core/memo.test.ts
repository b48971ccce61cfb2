import { describe, expect, it } from 'vitest';
import {
  defaultPack,
  evaluate,
  memoLine,
  ruleShortName,
  toEpochMs,
  DEFAULT_MEMO_TEMPLATE,
  SettingsSchema,
} from '../../../core/index';
import { NOW, unshipped } from './helpers';

/** 2026-11-21 12:00 Beijing, as epoch ms (the same instant in every TZ the suite runs in). */
const nowMs = toEpochMs(NOW);

describe('the 备注 memo line', () => {
  it('says the decision, the rule that decided (S3 卖家缺货 on 500.00 → the compensation rule), the signature and Beijing time', () => {
    const facts = { ...unshipped, reason: '卖家缺货', refundAmount: 500 };
    const g = evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' });
    expect(g.compensation).toMatchObject({ triggered: true, amount: '150.00' });
    const memo = memoLine({ decision: 'agree', guidance: g, facts, signature: '客服小鹿', nowMs });
    expect(memo.missing).toEqual([]);
    expect(memo.text).toBe(
      `同意退款｜原因：卖家缺货｜依据：${ruleShortName(g.explanation.find((e) => e.ruleId === g.compensation.ruleId)!.reason.zh)}（${g.compensation.ruleId}）｜客服小鹿｜2026-11-21 12:00`,
    );
    expect(g.compensation.ruleId).toMatch(/^comp-/);
  });

  it('names the reason rule when nothing is compensated (拍错了 before shipping, S0)', () => {
    const facts = { ...unshipped, reason: '拍错了' };
    const g = evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' });
    expect(g.compensation.triggered).toBe(false);
    const memo = memoLine({ decision: 'agree', guidance: g, facts, signature: '客服小鹿', nowMs });
    expect(memo.text).toContain('（reason-buyer-mistake）');
    expect(memo.text).toContain('依据：买家拍错或订单信息错误');
  });

  it('leaves an unset signature and an unknown rule visibly marked, never blank', () => {
    const facts = { ...unshipped, reason: '说不清的原因' };
    const g = evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' });
    const memo = memoLine({ decision: 'refuse', guidance: g, facts, signature: '  ', nowMs });
    expect(memo.missing).toEqual(['ruleName', 'rule', 'signature']);
    expect(memo.text).toContain('【客服签名】');
    expect(memo.text).toContain('【规则】');
    expect(memo.text.startsWith('拒绝退款｜')).toBe(true);
    expect(memo.parts.map((p) => p.text).join('')).toBe(memo.text);
  });

  it('follows the shop’s template: Chinese and ASCII names, unknown names stay literal, a blank template is the default', () => {
    const facts = { ...unshipped, reason: '不想要了', refundAmount: 88.5 };
    const g = evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' });
    const memo = memoLine({
      decision: 'contact',
      guidance: g,
      facts,
      signature: 'A',
      nowMs,
      template: '[{时间}] {decision} {退款编号} ¥{退款金额} {规则} {未知} {签名}',
    });
    expect(memo.text).toBe('[2026-11-21 12:00] 已联系买家 9001 ¥88.50 reason-no-longer-wanted {未知} A');
    expect(
      memoLine({ decision: 'contact', guidance: g, facts, signature: 'A', nowMs, template: '   ' }).text,
    ).toBe(memoLine({ decision: 'contact', guidance: g, facts, signature: 'A', nowMs }).text);
  });

  it('puts nothing about the buyer in it, and an unreadable amount stays marked', () => {
    const facts = {
      ...unshipped,
      reason: '不想要了',
      refundAmount: 10,
      unreadable: ['refundAmount' as const],
    };
    const g = evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' });
    const memo = memoLine({
      decision: 'agree',
      guidance: g,
      facts,
      signature: 'A',
      nowMs,
      template: '{退款金额} {原因}',
    });
    expect(memo.text).toBe('【退款金额】 不想要了');
    const full = memoLine({ decision: 'agree', guidance: g, facts, signature: 'A', nowMs });
    expect(full.text).not.toContain(unshipped.buyer!);
  });

  it('is Beijing time at the day boundary (16:30 UTC is 00:30 the next day)', () => {
    const g = evaluate({ ...unshipped, reason: '拍错了' }, defaultPack, { now: NOW, platform: 'tmall' });
    const memo = memoLine({
      decision: 'agree',
      guidance: g,
      facts: unshipped,
      signature: 'A',
      nowMs: Date.UTC(2026, 10, 21, 16, 30),
      template: '{时间}',
    });
    expect(memo.text).toBe('2026-11-22 00:30');
  });

  it('the template is a shop-policy setting with the default, and a too-long one is refused', () => {
    expect(SettingsSchema.parse({}).shopPolicy.memoTemplate).toBe(DEFAULT_MEMO_TEMPLATE);
    expect(SettingsSchema.safeParse({ shopPolicy: { memoTemplate: 'x'.repeat(301) } }).success).toBe(false);
  });
});
