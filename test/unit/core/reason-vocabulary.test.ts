import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, type Facts } from '../../../core/index';
import { compilePack, lookupReason } from '../../../core/engine/compile';

/**
 * Reasons by meaning (issue 13, item 3): every name of every reason rule maps to its own
 * category — also in traditional characters and full-width forms — and no text holding a
 * negation maps to the category it negates (nor to any other: it stays unknown, flagged).
 */
const reasons = defaultPack.rules.flatMap((r) => (r.type === 'reason' ? [r] : []));
const vocab = defaultPack.reasonVocabulary!;
const toTraditional = new Map(Object.entries(vocab.fold).map(([trad, simp]) => [simp, trad]));
const trad = (s: string) => [...s].map((ch) => toTraditional.get(ch) ?? ch).join('');
const fullWidth = (s: string) =>
  [...s].map((ch) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
const profiles = [compilePack(defaultPack).defaults.tmall, compilePack(defaultPack).defaults.taobao];

describe('reason vocabulary', () => {
  it('every synonym maps to its category, as written, in traditional characters, full-width and spaced', () => {
    for (const p of profiles) {
      for (const rule of reasons) {
        for (const name of rule.names) {
          for (const text of [name, trad(name), fullWidth(name), ` ${name}\u3000`]) {
            expect(lookupReason(p, text)?.category, `${text} → ${rule.category}`).toBe(rule.category);
          }
        }
      }
    }
  });

  it('no name holds a negation marker (a name would otherwise negate itself)', () => {
    for (const rule of reasons)
      for (const name of rule.names)
        for (const n of vocab.negations) expect(name.includes(n), `${name} holds ${n}`).toBe(false);
  });

  it('property: a reason name with a negation around it never maps to that category (nor any other), and is flagged', () => {
    const names = reasons.flatMap((r) => r.names.map((name) => ({ name, category: r.category })));
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...vocab.negations),
        fc.constantFrom('', '的', '属于', '因为'),
        fc.constantFrom('', '退货', '退款', '（其他）', '问题'),
        fc.boolean(),
        fc.constantFrom<'tmall' | 'taobao'>('tmall', 'taobao'),
        ({ name, category }, negation, glue, tail, traditional, platform) => {
          const raw = `${negation}${glue}${name}${tail}`;
          const text = traditional ? trad(raw) : raw;
          const p = compilePack(defaultPack).defaults[platform];
          const rule = lookupReason(p, text);
          expect(rule?.category === category, `${text} must not map to ${category}`).toBe(false);
          expect(rule, `${text} stays unknown`).toBeNull();
          const facts: Facts = { reason: text, tradeStatus: '买家已付款' };
          const g = evaluate(facts, defaultPack, { now: '2026-11-21T12:00:00+08:00', platform });
          expect(g.warnings.map((w) => w.code)).toContain('unknown-reason');
          expect(g.compensation.triggered).toBe(false);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('everyday wordings of the audit (case 01) are recognised', () => {
    const p = profiles[0]!;
    const cases: [string, string][] = [
      ['没收到货', 'not-received'],
      ['7天无理由', 'seven-day'],
      ['卖家缺貨', 'out-of-stock'],
      ['未按时发货', 'late-ship'],
      ['多拍了', 'buyer-mistake'],
      ['质量有问题', 'quality'],
      ['少货', 'wrong-shipment'],
      ['快递一直未送到', 'not-received'],
      ['物流一直未送到', 'not-received'],
      ['效果不好/不喜欢', 'dislike'],
      ['包装/商品破损/污渍', 'damaged'],
      ['卖家缺货（库存不足）', 'out-of-stock'],
    ];
    for (const [text, category] of cases) expect(lookupReason(p, text)?.category, text).toBe(category);
  });
});
