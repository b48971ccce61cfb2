import { describe, expect, it } from 'vitest';
import { compileTemplate, defaultPack, evaluate, renderTemplate, type Rule } from '../../../core/index';
import { NOW, unshipped } from './helpers';

const settings = { shopPolicy: { shopName: '小鹿旗舰店', signature: '客服小鹿' } };

describe('reply templates', () => {
  it('fills placeholders from facts and settings', () => {
    const g = evaluate({ ...unshipped, reason: '卖家缺货' }, defaultPack, { now: NOW, settings });
    const reply = g.replies.find((r) => r.ruleId === 'reply-apology-delivery')!;
    expect(reply.text).toContain('小鹿旗舰店');
    expect(reply.text).toContain('订单4001');
    expect(reply.text.endsWith('客服小鹿')).toBe(true);
    expect(reply.missing).toEqual([]);
    expect(reply.text).not.toMatch(/[{}【】]/);
  });

  it('leaves a missing value visibly marked and lists it', () => {
    const { orderId: _o, ...facts } = unshipped;
    const g = evaluate({ ...facts, reason: '卖家缺货' }, defaultPack, {
      now: NOW,
      settings: { shopPolicy: { shopName: '  ' } },
    });
    const reply = g.replies.find((r) => r.ruleId === 'reply-apology-delivery')!;
    expect(reply.missing).toEqual(['shopName', 'orderId', 'signature']);
    expect(reply.text).toContain('【店铺名】');
    expect(reply.text).toContain('【订单编号】');
    expect(reply.text).toContain('【客服签名】');
    expect(reply.parts!.filter((p) => p.placeholder).map((p) => [p.placeholder, p.text])).toEqual([
      ['shopName', '【店铺名】'],
      ['orderId', '【订单编号】'],
      ['signature', '【客服签名】'],
    ]);
    expect(reply.parts!.map((p) => p.text).join('')).toBe(reply.text);
  });

  it('compiles templates into literal and placeholder parts (unknown names stay literal)', () => {
    expect(compileTemplate('亲{shopName}，{unknown}！{signature}')).toEqual([
      { text: '亲' },
      { placeholder: 'shopName' },
      { text: '，{unknown}！' },
      { placeholder: 'signature' },
    ]);
    expect(renderTemplate(compileTemplate('{reason}'), { reason: '缺货' })).toEqual({
      text: '缺货',
      missing: [],
      parts: [{ text: '缺货' }],
    });
  });

  it('writes the amounts for a template that uses them (they are formatted only then)', () => {
    const amountReply: Rule = {
      ...(defaultPack.rules.find((r) => r.id === 'reply-apology-delivery') as Extract<
        Rule,
        { type: 'reply' }
      >),
      id: 'reply-amounts',
      template: '实付{paidAmount}元，退款{refundAmount}元，赔付{compensationAmount}元',
    };
    const pack = { ...defaultPack, rules: [...defaultPack.rules, amountReply] };
    const facts = { ...unshipped, reason: '卖家缺货', paidAmount: 123.4, refundAmount: 99.9 };
    const withAmounts = evaluate(facts, pack, { now: NOW, settings }).replies.find(
      (r) => r.ruleId === 'reply-amounts',
    )!;
    expect(withAmounts.text).toBe('实付123.40元，退款99.90元，赔付37.02元');
    const unread = evaluate({ ...facts, unreadable: ['paidAmount', 'refundAmount'] }, pack, {
      now: NOW,
      settings,
    }).replies.find((r) => r.ruleId === 'reply-amounts')!;
    expect(unread.missing).toEqual(['paidAmount', 'refundAmount', 'compensationAmount']);
    // The default pack's replies write no amount; their texts are the same with or without this one.
    const plain = evaluate(facts, defaultPack, { now: NOW, settings }).replies;
    expect(
      evaluate(facts, pack, { now: NOW, settings }).replies.filter((r) => r.ruleId !== 'reply-amounts'),
    ).toEqual(plain);
  });

  it('every template only uses known placeholders', () => {
    for (const r of defaultPack.rules) {
      if (r.type !== 'reply') continue;
      for (const m of r.template.matchAll(/\{([A-Za-z]+)\}/g)) {
        expect(compileTemplate(`{${m[1]}}`), `${r.id}: {${m[1]}}`).toEqual([{ placeholder: m[1] }]);
      }
    }
  });
});

describe('the product never advises pressuring or deceiving a buyer', () => {
  /** Advice seen in S2 (and S1's wrong exam answers) that must not appear anywhere in the pack. */
  const FORBIDDEN = [
    /随便写.{0,4}单号/,
    /单号.{0,6}随便/,
    /不能让买家有评价/,
    /不让买家.{0,4}评价/,
    /避免.{0,4}评价/,
    /选择.{0,2}[七7]天无理由/,
    /不要选择.{0,4}未按约定时间发货/,
    /威胁/,
    /恐吓/,
    /random tracking/i,
    /keep the buyer from/i,
  ];
  const texts = (r: Rule): string[] => {
    const out = [r.reason.zh, r.reason.en];
    if (r.type === 'reply') out.push(r.template, r.title.zh, r.title.en);
    if (r.type === 'action' || r.type === 'note') out.push(r.text.zh, r.text.en);
    return out;
  };

  it('no reply or action contains forbidden advice', () => {
    for (const r of defaultPack.rules) {
      if (r.type !== 'reply' && r.type !== 'action') continue;
      for (const t of texts(r)) for (const f of FORBIDDEN) expect(f.test(t), `${r.id}: ${t}`).toBe(false);
    }
  });

  it('among advice (actions, replies, notes) the only mention of threats is the note that forbids them', () => {
    const advice = defaultPack.rules.filter(
      (r) => r.type === 'action' || r.type === 'reply' || r.type === 'note',
    );
    const mentions = advice.filter((r) => texts(r).some((t) => /威胁|threat/i.test(t))).map((r) => r.id);
    expect(mentions).toEqual(['note-no-pressure']);
  });

  it('replies are polite: each one addresses the buyer as 亲 and none demands', () => {
    for (const r of defaultPack.rules) {
      if (r.type !== 'reply') continue;
      expect(r.template.startsWith('亲'), r.id).toBe(true);
      expect(/必须|否则|立刻修改|不然/.test(r.template), r.id).toBe(false);
    }
  });
});

describe('settings', () => {
  it('accepts the full Settings object and applies shop-policy remedy limits (editable, not platform law)', async () => {
    const { defaultSettings, mergeSettings } = await import('../../../core/model/settings');
    const facts = {
      complaintType: '未按约定时间发货',
      paidAmount: 200,
      paidAt: '2026-11-10T10:00:00+08:00',
      complaintFiledAt: '2026-11-21T09:00:00+08:00',
    };
    const std = evaluate(facts, defaultPack, { now: NOW, settings: defaultSettings() });
    expect(std.actions.find((a) => a.ruleId === 'remedy-small-cash')?.text.zh).toContain('¥10.00–¥20.00');
    const edited = mergeSettings(defaultSettings(), {
      shopPolicy: {
        remedyLimits: { smallCashMinPercent: 2, smallCashMaxPercent: 4, exchangeUpliftPercent: 10 },
      },
    });
    const g = evaluate(facts, defaultPack, { now: NOW, settings: edited });
    expect(g.actions.find((a) => a.ruleId === 'remedy-small-cash')?.text.zh).toContain('¥4.00–¥8.00');
    expect(g.actions.find((a) => a.ruleId === 'remedy-exchange')?.text.zh).toContain('¥220.00');
  });

  it('settings.platformProfile picks the platform unless the call names one; an unknown era profile falls back to the default', () => {
    const facts = { ...unshipped, reason: '缺货' };
    expect(evaluate(facts, defaultPack, { now: NOW, settings: { platformProfile: 'taobao' } }).platform).toBe(
      'taobao',
    );
    expect(
      evaluate(facts, defaultPack, { now: NOW, platform: 'tmall', settings: { platformProfile: 'taobao' } })
        .platform,
    ).toBe('tmall');
    expect(evaluate(facts, defaultPack, { now: NOW, profile: 'tmall-1999' }).profile).toBe('tmall');
    expect(
      evaluate(facts, defaultPack, { now: NOW, platform: 'taobao', profile: 'tmall-legacy' }).profile,
    ).toBe('taobao');
  });
});
