import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, SEEDS, toEpochMs, type Facts } from '../../../core/index';
import { evidenceNote, workerMessages } from '../../../entrypoints/background/notify-text';
import { computeCrossings } from '../../../entrypoints/background/deadline-alarms';
import type { CaseView } from '../../../protocol/views';
import { checkAgainstFixture, readFixture } from '../../../scripts/seed-citations';
import { NOW, unshipped } from './helpers';

/** "If you refuse" and "evidence on time": pack data, cited, per platform and per reason. */

const H = 3_600_000;

const open = { ...unshipped, refundStatus: '等待商家处理' };

describe('if you refuse: one line per platform, from the seeds', () => {
  it('Tmall refund: the buyer edits the request or asks for intervention 72 h after requesting; intervention counts in 退款纠纷率 (S0)', () => {
    const g = evaluate({ ...open, reason: '卖家缺货' }, defaultPack, { now: NOW, platform: 'tmall' });
    expect(g.refusal?.ruleId).toBe('refuse-tmall-refund');
    expect(g.refusal!.text.zh).toContain('72小时');
    expect(g.refusal!.text.zh).toContain('退款纠纷率');
    expect(g.refusal!.citations.map((c) => c.passage)).toEqual([
      '如果商家拒绝,将需要您修改退款申请',
      '每一笔退款,买家申请退款后3天(72小时)才可以申请小二介入',
      '退款纠纷率的计算公式=需要客服介入的退款笔数/支付宝成交笔数',
    ]);
    expect(g.refusal!.citations.every((c) => c.source === SEEDS.S0)).toBe(true);
  });

  it('Taobao refund: the buyer may ask as soon as the seller refuses (S1 exam single-choice 7, answer B)', () => {
    const g = evaluate({ ...open, reason: '拍错了' }, defaultPack, { now: NOW, platform: 'taobao' });
    expect(g.refusal?.ruleId).toBe('refuse-taobao-refund');
    expect(g.refusal!.text.zh).toContain('立即');
    expect(g.refusal!.citations[0]).toMatchObject({
      source: SEEDS.S1,
      passage: '目前最新的退款流程中,对于客服介入的要求,以下说法正确的是 B',
    });
    // the dispute-rate formula comes from the Tmall source: marked inferred for Taobao
    expect(g.refusal!.citations.find((c) => c.source === SEEDS.S0)?.authority).toBe('inferred');
  });

  it('描述不符 on Tmall: the complaint the buyer may add comes first (S0 注意)', () => {
    const g = evaluate({ ...open, tradeStatus: '卖家已发货', reason: '描述不符' }, defaultPack, {
      now: NOW,
      platform: 'tmall',
    });
    expect(g.refusal?.ruleId).toBe('refuse-tmall-desc-invoice');
  });

  it('after-sale on Tmall: no rate (S0 售后维权目前暂没有率的考核); complaints: the platform decides (S3) / the evidence period starts (S1)', () => {
    const after = evaluate(
      {
        ...open,
        tradeStatus: '交易成功',
        tradeSucceededAt: '2026-11-20T12:00:00+08:00',
        reason: '商品质量问题',
      },
      defaultPack,
      { now: NOW, platform: 'tmall' },
    );
    expect(after.refusal?.ruleId).toBe('refuse-tmall-aftersale');
    const tmallComplaint = evaluate(
      { complaintType: '骚扰他人', complaintFiledAt: '2026-11-21T10:00:00+08:00' },
      defaultPack,
      { now: NOW, platform: 'tmall' },
    );
    expect(tmallComplaint.refusal?.ruleId).toBe('refuse-tmall-complaint');
    const taobaoComplaint = evaluate(
      { complaintType: '未按约定时间发货', complaintFiledAt: '2026-11-21T10:00:00+08:00' },
      defaultPack,
      { now: NOW, platform: 'taobao' },
    );
    expect(taobaoComplaint.refusal?.ruleId).toBe('refuse-taobao-complaint');
    expect(taobaoComplaint.refusal!.text.zh).toContain('举证期');
  });

  it('a closed refund has no refusal line', () => {
    for (const platform of ['tmall', 'taobao'] as const) {
      expect(
        evaluate({ ...open, reason: '拍错了', refundStatus: '退款成功' }, defaultPack, { now: NOW, platform })
          .refusal,
      ).toBeUndefined();
    }
  });

  it('every refusal and evidence passage (also the further ones) was found verbatim in its seed (test/fixtures/seed-citations.json)', () => {
    const rules = defaultPack.rules.filter(
      (r) => r.type === 'refusal' || r.type === 'evidence' || r.type === 'evidence-period',
    );
    const passages = rules.flatMap((r) => [r.citation, ...(r.type === 'refusal' ? (r.alsoCites ?? []) : [])]);
    expect(passages.length).toBeGreaterThan(rules.length);
    expect(checkAgainstFixture(passages, readFixture()).unvetted).toEqual([]);
  });
});

const items = (f: Facts, platform: 'tmall' | 'taobao' = 'tmall') =>
  evaluate(f, defaultPack, { now: NOW, platform }).evidence?.items.map((i) => i.ruleId) ?? [];

describe('evidence on time: the checklist per reason', () => {
  it('未按约定时间发货 / 缺货: the carrier’s shipping record (S0), the tracking and its movement (S3), the chat', () => {
    const want = ['evidence-shipping-record', 'evidence-tracking', 'evidence-chat'];
    expect(items({ ...open, reason: '未按约定时间发货' })).toEqual(want);
    expect(items({ ...open, reason: '卖家缺货' }, 'taobao')).toEqual(want);
  });

  it('拒签: the carrier’s refusal record (S0 需要商家举证) and the carrier’s statement', () => {
    expect(items({ ...open, tradeStatus: '卖家已发货', reason: '买家拒签' })).toEqual([
      'evidence-tracking',
      'evidence-refused-record',
      'evidence-carrier-proof',
      'evidence-chat',
    ]);
  });

  it('质量问题: photos, the buyer’s own evidence (S1), the chat', () => {
    expect(items({ ...open, tradeStatus: '卖家已发货', reason: '商品质量问题' })).toEqual([
      'evidence-photos',
      'evidence-buyer-proof',
      'evidence-chat',
    ]);
  });

  it('complaints: 骚扰他人 → chats, text-message photos and call records (S3); 拒绝使用支付宝 → the Alipay record; always the statement on the complaint page', () => {
    expect(items({ complaintType: '骚扰他人', complaintFiledAt: '2026-11-21T10:00:00+08:00' })).toEqual([
      'evidence-harassment',
      'evidence-complaint-statement',
    ]);
    expect(
      items({ complaintType: '卖家拒绝使用支付宝', complaintFiledAt: '2026-11-21T10:00:00+08:00' }),
    ).toEqual(['evidence-alipay', 'evidence-complaint-statement']);
  });

  it('nothing to upload for a reason the shop simply agrees (拍错了, 不想要了), and none on a closed refund', () => {
    expect(
      evaluate({ ...open, reason: '拍错了' }, defaultPack, { now: NOW, platform: 'tmall' }).evidence,
    ).toBeUndefined();
    expect(
      evaluate({ ...open, reason: '不想要了' }, defaultPack, { now: NOW, platform: 'taobao' }).evidence,
    ).toBeUndefined();
    expect(
      evaluate({ ...open, reason: '卖家缺货', refundStatus: '退款关闭' }, defaultPack, {
        now: NOW,
        platform: 'tmall',
      }).evidence,
    ).toBeUndefined();
  });
});

describe('evidence on time: the deadline', () => {
  it('Tmall refund: ready before intervention opens, 72 h after the request (S0)', () => {
    const g = evaluate({ ...open, reason: '未按约定时间发货' }, defaultPack, { now: NOW, platform: 'tmall' });
    expect(g.evidence?.deadlineId).toBe('intervention-open');
    const d = g.deadlines.find((x) => x.id === 'intervention-open')!;
    expect(toEpochMs(d.dueAt) - toEpochMs(open.refundRequestedAt!)).toBe(72 * H);
  });

  it('Taobao complaint (S1’s 100-yuan example): seller 24 h → buyer 48 h → 72 h evidence period, due 144 h after filing', () => {
    const filed = '2026-11-21T10:00:00+08:00';
    const g = evaluate(
      {
        complaintType: '未按约定时间发货',
        complaintFiledAt: filed,
        paidAmount: 100,
        shippingFee: 5,
        tradeStatus: '交易关闭',
      },
      defaultPack,
      { now: NOW, platform: 'taobao' },
    );
    expect(g.evidence?.deadlineId).toBe('complaint-evidence');
    const d = g.deadlines.find((x) => x.id === 'complaint-evidence')!;
    expect(toEpochMs(d.dueAt) - toEpochMs(filed)).toBe((24 + 48 + 72) * H);
  });

  it('once the platform has stepped in on a refund the sources give no evidence time: no deadline, and the text says so', () => {
    const g = evaluate(
      { ...open, tradeStatus: '卖家已发货', reason: '商品质量问题', refundStatus: '客服已经介入' },
      defaultPack,
      { now: NOW, platform: 'tmall' },
    );
    expect(g.evidence).toMatchObject({ ruleId: 'evidence-period-intervened', deadlineId: null });
    expect(g.evidence!.text.zh).toContain('资料未给出');
  });

  it('the deadline alarm path warns before it closes, and the warning names what to upload', () => {
    const filed = '2026-11-21T10:00:00+08:00';
    const g = evaluate(
      { refundId: '1', complaintType: '未按约定时间发货', complaintFiledAt: filed },
      defaultPack,
      { now: NOW, platform: 'taobao' },
    );
    const view = {
      key: 'taobao:complaint:1',
      tabId: 1,
      url: 'https://rights.taobao.com/complaint/sellerList.htm',
      read: { kind: 'complaint', adapter: 't', platform: 'taobao', facts: {}, unreadable: [], index: 0 },
      guidance: g,
      seenAt: NOW,
    } as CaseView;
    const due = toEpochMs(g.deadlines.find((d) => d.id === 'complaint-evidence')!.dueAt);
    const crossings = computeCrossings([view], [4, 1], due - 5 * H, 50).filter(
      (c) => c.deadlineId === 'complaint-evidence',
    );
    expect(crossings.map((c) => [c.thresholdHours, c.when])).toEqual([
      [4, due - 4 * H],
      [1, due - 1 * H],
      [0, due],
    ]);
    expect(evidenceNote(workerMessages('zh-CN'), g.evidence, 'complaint-evidence')).toBe(
      '；凭证 4 项须在此前备好：发货记录、物流单号与走件记录、与买家的聊天记录、在投诉管理页上传的留言与说明',
    );
    expect(evidenceNote(workerMessages('zh-CN'), g.evidence, 'complaint-seller-handle')).toBe('');
  });
});
