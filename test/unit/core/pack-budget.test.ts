import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, parseRulePack, type Facts } from '../../../core/index';
import { CASE_WORK_BUDGET, newWork } from '../../../core/engine/budget';
import { workBombs } from '../../fixtures/packs/hostile';

/**
 * Issue 17 item 3 (review H3): a schema-valid pack could hold the worker ~1.2 s per case and
 * produce 400 MB of guidance for one case. Now the obvious bombs are refused at import with
 * the limit they break, and whatever fits the import limits is stopped per case by the work
 * budget: the case is reported as not evaluable, with a message, instead of computed.
 */

const NOW = '2026-11-21T12:00:00+08:00';
const busy: Facts = {
  orderId: '4001',
  refundId: '9001',
  buyer: 'buyer-a',
  reason: '未按约定时间发货',
  paidAmount: 500,
  paidAt: '2026-11-20T10:00:00+08:00',
  refundRequestedAt: '2026-11-21T10:00:00+08:00',
  tradeStatus: '买家已付款',
  refundStatus: '等待商家处理',
  platformCountdown: '剩余2天23时7分51秒',
};

describe('rule packs: bounded work per case', () => {
  it('the default pack uses a small part of the budget on a busy case', () => {
    const work = newWork();
    const g = evaluate(busy, defaultPack, { now: NOW, platform: 'tmall', work });
    expect(g.unevaluated).toBeUndefined();
    expect(g.deadlines.length).toBeGreaterThan(0);
    expect(CASE_WORK_BUDGET.steps - work.steps).toBeLessThan(CASE_WORK_BUDGET.steps / 20);
  });

  for (const bomb of workBombs().filter((b) => b.stoppedBy === 'import')) {
    it(`refused at import, naming the work limit: ${bomb.name}`, () => {
      const r = parseRulePack(bomb.json);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/work limit|longer than 2000/);
    }, 30_000);
  }

  for (const bomb of workBombs().filter((b) => b.stoppedBy === 'budget')) {
    it(`accepted, then stopped per case with a message: ${bomb.name}`, () => {
      const parsed = parseRulePack(bomb.json);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const facts = { ...busy, reason: `未按约定时间发货${'很'.repeat(2000)}` };
      const g = evaluate(facts, parsed.pack, { now: NOW, platform: 'tmall' });
      expect(g.unevaluated?.zh).toMatch(/规则包.*超出上限/);
      expect(g.unevaluated?.en).toMatch(/more work/);
      expect(g.deadlines).toEqual([]);
      expect(g.replies).toEqual([]);
      expect(g.warnings.map((w) => w.code)).toEqual(['pack-limit']);
      expect(JSON.stringify(g).length).toBeLessThan(5_000);
    });
  }
});
