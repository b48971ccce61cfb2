import { describe, expect, it, vi, afterEach } from 'vitest';
import {
  blockOf,
  defaultPack,
  evaluate,
  formatYuan,
  GuidanceSchema,
  toEpochMs,
  type Facts,
  type LedgerEntry,
} from '../../../core/index';
import { deadline, NOW, unshipped, warningCodes } from './helpers';

const outOfStock = (paidAmount: number, buyer = 'buyer-a'): Facts => ({
  ...unshipped,
  buyer,
  reason: '卖家缺货',
  paidAmount,
});

describe('compensation amounts (S3: 30 %, at least 5, at most 500 yuan per claim)', () => {
  it.each([
    [500, '150.00', 15000],
    [10, '5.00', 500], // 3.00 → the 5-yuan minimum
    [2399, '500.00', 50000], // 719.70 → the 500-yuan maximum
    [16.69, '5.01', 501], // 1669 fen × 30 % = 500.7 fen → 501 (just above the minimum)
    [16.65, '5.00', 500], // 499.5 fen → 500 (half up), equals the minimum
    [1666.69, '500.00', 50000], // 50000.7 fen → capped
    [1666.65, '500.00', 50000],
    [1000, '300.00', 30000],
    [0.01, '5.00', 500],
  ])('paid %s yuan → %s', (paid, amount, fen) => {
    const g = evaluate(outOfStock(paid), defaultPack, { now: NOW });
    expect(g.compensation).toMatchObject({
      triggered: true,
      amount,
      amountFen: fen,
      ruleId: 'comp-tmall-2019',
    });
  });

  it('S3: 100 units at 500 yuan each, all out of stock (100 buyers) → 100 × 150 = 15,000.00', () => {
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const g = evaluate(outOfStock(500, `buyer-${i}`), defaultPack, { now: NOW });
      total += g.compensation.amountFen!;
    }
    expect(formatYuan(total)).toBe('15000.00');
  });

  it('the same 100 claims from ONE buyer within 24 h: the 2019 per-buyer cap stops at 500.00; the older rule has no cap (15,000.00)', () => {
    const run = (profile: string) => {
      const ledger: LedgerEntry[] = [];
      let total = 0;
      for (let i = 0; i < 100; i++) {
        const at = new Date(toEpochMs(NOW) + i * 60_000).toISOString();
        const now = at.replace(/\.\d{3}Z$/, 'Z');
        const g = evaluate(outOfStock(500, 'same-buyer'), defaultPack, { now, ledger, profile });
        const fen = g.compensation.amountFen!;
        total += fen;
        if (fen > 0)
          ledger.push({ buyer: 'same-buyer', amount: fen / 100, at: g.now, kind: 'platform-payout' });
      }
      return formatYuan(total);
    };
    expect(run('tmall')).toBe('500.00');
    expect(run('tmall-legacy')).toBe('15000.00');
  });

  it('a second claim inside 24 h is capped to what is left of 500 (warning compensation-cap)', () => {
    const ledger: LedgerEntry[] = [
      { buyer: 'buyer-a', amount: 400, at: '2026-11-21T02:00:00+08:00', kind: 'platform-payout' },
    ];
    const g = evaluate(outOfStock(500), defaultPack, { now: NOW, ledger });
    expect(g.compensation).toMatchObject({ triggered: true, amount: '100.00', amountFen: 10000 });
    expect(warningCodes(g)).toContain('compensation-cap');
    expect(g.warnings.find((w) => w.code === 'compensation-cap')?.ruleId).toBe('comp-tmall-2019');
  });

  it('the 24 h window is (now − 24 h, now]: older entries, other buyers and future entries do not count', () => {
    const ledger: LedgerEntry[] = [
      { buyer: 'buyer-a', amount: 500, at: '2026-11-20T12:00:00+08:00', kind: 'platform-payout' }, // exactly 24 h before: out
      { buyer: 'buyer-z', amount: 500, at: '2026-11-21T11:00:00+08:00', kind: 'platform-payout' }, // another buyer
      { buyer: 'buyer-a', amount: 500, at: '2026-11-21T12:00:01+08:00', kind: 'platform-payout' }, // after now
    ];
    const g = evaluate(outOfStock(500), defaultPack, { now: NOW, ledger });
    expect(g.compensation.amount).toBe('150.00');
    expect(warningCodes(g)).not.toContain('compensation-cap');
    const atNow = evaluate(outOfStock(500), defaultPack, {
      now: NOW,
      ledger: [{ buyer: 'buyer-a', amount: 500, at: NOW, kind: 'platform-payout' }],
    });
    expect(atNow.compensation.amount).toBe('0.00');
    // S3:67 caps what the platform pays out (赔付红包); a shop's own 同意赔付 does not use it up.
    const settled = evaluate(outOfStock(500), defaultPack, {
      now: NOW,
      ledger: [{ buyer: 'buyer-a', amount: 500, at: NOW, kind: 'proactive-settlement' }],
    });
    expect(settled.compensation.amount).toBe('150.00');
  });

  it('no buyer on the panel while the ledger has recent payouts: amount uncapped but flagged', () => {
    const { buyer: _b, ...facts } = outOfStock(500);
    const g = evaluate(facts, defaultPack, {
      now: NOW,
      ledger: [{ buyer: 'x', amount: 100, at: NOW, kind: 'platform-payout' }],
    });
    expect(g.compensation.amount).toBe('150.00');
    expect(g.warnings.find((w) => w.code === 'missing-fact')?.fields).toEqual(['buyer']);
  });

  it('paid amount missing or unreadable: triggered, amount null, never guessed', () => {
    const { paidAmount: _p, ...missing } = outOfStock(500);
    const g1 = evaluate(missing, defaultPack, { now: NOW });
    expect(g1.compensation).toMatchObject({ triggered: true, amount: null, amountFen: null });
    expect(g1.warnings.find((w) => w.code === 'missing-fact')?.fields).toEqual(['paidAmount']);
    const g2 = evaluate({ ...missing, unreadable: ['paidAmount'] }, defaultPack, { now: NOW });
    expect(g2.compensation.amount).toBeNull();
    expect(g2.warnings.filter((w) => w.code === 'unreadable-field').map((w) => w.fields)).toEqual([
      ['paidAmount'],
      ['paidAmount'],
    ]);
  });
});

describe('platform countdown', () => {
  it('剩余2天23时7分51秒 read at 2026-11-21 12:00 → due 2026-11-24 11:07:51 (+08:00), whatever the machine zone', () => {
    const g = evaluate({ ...unshipped, platformCountdown: '剩余2天23时7分51秒' }, defaultPack, {
      now: '2026-11-21T04:00:00Z',
    });
    expect(g.now).toBe('2026-11-21T12:00:00+08:00');
    expect(deadline(g, 'seller-response')).toMatchObject({
      dueAt: '2026-11-24T11:07:51+08:00',
      source: 'platform',
      ruleId: 'timer-seller-response-tmall',
    });
  });

  it('Tmall without a countdown: no invented seller-response deadline', () => {
    const g = evaluate(unshipped, defaultPack, { now: NOW });
    expect(deadline(g, 'seller-response')).toBeUndefined();
  });

  it('Taobao: the countdown wins over the computed 5 days; > 1 h apart → pack-outdated', () => {
    const facts = { ...unshipped, refundRequestedAt: '2026-11-20T10:00:00+08:00' };
    const computed = evaluate(facts, defaultPack, { now: NOW, platform: 'taobao' });
    expect(deadline(computed, 'seller-response')).toMatchObject({
      dueAt: '2026-11-25T10:00:00+08:00',
      source: 'computed',
    });
    const far = evaluate({ ...facts, platformCountdown: '剩余2天23时7分51秒' }, defaultPack, {
      now: NOW,
      platform: 'taobao',
    });
    expect(deadline(far, 'seller-response')).toMatchObject({
      dueAt: '2026-11-24T11:07:51+08:00',
      source: 'platform',
    });
    expect(warningCodes(far)).toContain('pack-outdated');
    const near = evaluate({ ...facts, platformCountdown: '剩余 3天21时30分' }, defaultPack, {
      now: NOW,
      platform: 'taobao',
    });
    expect(deadline(near, 'seller-response')).toMatchObject({
      dueAt: '2026-11-25T09:30:00+08:00',
      source: 'platform',
    });
    expect(warningCodes(near)).not.toContain('pack-outdated');
  });

  it('a complaint panel countdown counts the seller handling time (剩余 05:12:09)', () => {
    const g = evaluate(
      {
        complaintType: '未按约定时间发货',
        complaintFiledAt: '2026-11-21T00:00:00+08:00',
        platformCountdown: '剩余 05:12:09',
        paidAmount: 100,
        paidAt: '2026-11-17T10:00:00+08:00',
      },
      defaultPack,
      { now: NOW, platform: 'taobao' },
    );
    expect(deadline(g, 'complaint-seller-handle')).toMatchObject({
      dueAt: '2026-11-21T17:12:09+08:00',
      source: 'platform',
    });
    // Computed 2026-11-22 00:00 vs platform 17:12:09: more than an hour apart.
    expect(warningCodes(g)).toContain('pack-outdated');
    // The chained steps follow the platform's time.
    expect(deadline(g, 'complaint-buyer-confirm')?.dueAt).toBe('2026-11-23T17:12:09+08:00');
  });

  it('an unreadable countdown text is reported, not guessed', () => {
    const g = evaluate({ ...unshipped, platformCountdown: '剩余很久' }, defaultPack, { now: NOW });
    expect(g.warnings.find((w) => w.code === 'unreadable-field')?.fields).toEqual(['platformCountdown']);
    expect(deadline(g, 'seller-response')).toBeUndefined();
  });
});

describe('deadlines and the 15-day windows', () => {
  it('past-due deadlines stay listed, breached, sorted by due time', () => {
    const g = evaluate(unshipped, defaultPack, { now: '2026-11-27T00:00:00+08:00', platform: 'taobao' });
    expect(g.deadlines.map((d) => [d.id, d.breached])).toEqual([
      ['late-ship-reason-available', true],
      ['seller-response', true],
    ]);
  });

  it('deadlines that stopped mattering are not listed: the ship-by time while a refund is open, the late-shipping reason once chosen', () => {
    const at = { now: '2026-11-25T00:00:00+08:00' };
    // Open refund on an unshipped order: the 48 h ship-by time (11-22) is not the seller's next step.
    expect(deadline(evaluate(unshipped, defaultPack, at), 'ship-promise')).toBeUndefined();
    // The refund closed, the order still unshipped: shipping is due again, breached.
    expect(
      deadline(evaluate({ ...unshipped, refundStatus: '退款关闭' }, defaultPack, at), 'ship-promise'),
    ).toMatchObject({ dueAt: '2026-11-22T10:00:00+08:00', breached: true });
    // Taobao: "the buyer may choose 未按约定时间发货" is listed while another reason is chosen, not once it is.
    const taobao = { ...at, platform: 'taobao' as const };
    expect(
      deadline(
        evaluate({ ...unshipped, reason: '不想要了' }, defaultPack, taobao),
        'late-ship-reason-available',
      ),
    ).toBeDefined();
    expect(
      deadline(
        evaluate({ ...unshipped, reason: '未按约定时间发货' }, defaultPack, taobao),
        'late-ship-reason-available',
      ),
    ).toBeUndefined();
    expect(
      deadline(
        evaluate({ ...unshipped, reason: '未按时发货' }, defaultPack, taobao),
        'late-ship-reason-available',
      ),
    ).toBeUndefined();
  });

  it.each([
    ['tmall', 'timer-breach-window-tmall'],
    ['taobao', 'timer-breach-window-taobao'],
  ] as const)('%s: 违背承诺 can be filed until 15 days after the trade closed', (platform, ruleId) => {
    const g = evaluate(
      { tradeStatus: '交易关闭', tradeClosedAt: '2026-11-01T08:30:00+08:00', reason: '不想买了' },
      defaultPack,
      { now: NOW, platform },
    );
    expect(deadline(g, 'breach-complaint-window')).toMatchObject({
      dueAt: '2026-11-16T08:30:00+08:00',
      breached: true,
      ruleId,
    });
  });

  it('after-sale window: 15 days after success, across a month end', () => {
    const g = evaluate(
      { tradeStatus: '交易成功', tradeSucceededAt: '2026-12-20T23:59:59+08:00' },
      defaultPack,
      { now: NOW },
    );
    expect(g.kind).toBe('aftersale');
    expect(deadline(g, 'after-sale-window')?.dueAt).toBe('2027-01-04T23:59:59+08:00');
  });

  it('a timer whose variant depends on an unreadable fact is not computed (never guessed)', () => {
    const g = evaluate(
      { ...unshipped, refundStatus: '退款关闭', reason: '不想买了', unreadable: ['activity'] },
      defaultPack,
      { now: NOW },
    );
    expect(deadline(g, 'ship-promise')).toBeUndefined();
    expect(g.explanation.find((e) => e.verdict === 'deadline:ship-promise')?.facts).toMatchObject({
      computed: false,
      unreadable: ['activity'],
    });
    // Deadlines that do not depend on it are still there.
    const open = evaluate({ ...unshipped, unreadable: ['activity'] }, defaultPack, { now: NOW });
    expect(deadline(open, 'intervention-open')?.dueAt).toBe('2026-11-24T10:00:00+08:00');
    // Nor is a reason contested on a guessed promise.
    const c = evaluate(
      {
        ...unshipped,
        reason: '未按约定时间发货',
        refundRequestedAt: '2026-11-23T11:00:00+08:00',
        shippedAt: '2026-11-21T09:00:00+08:00',
        unreadable: ['activity'],
      },
      defaultPack,
      { now: '2026-11-23T12:00:00+08:00' },
    );
    expect(c.compensation.contestable).toBe(false);
    const status = evaluate(
      { ...unshipped, tradeStatus: undefined, unreadable: ['tradeStatus'] },
      defaultPack,
      { now: NOW },
    );
    expect(deadline(status, 'ship-promise')).toBeUndefined();
  });

  it('only deadlines whose start fact is present', () => {
    const g = evaluate({ reason: '不想买了' }, defaultPack, { now: NOW });
    expect(g.deadlines).toEqual([]);
  });
});

describe('kind, warnings, determinism', () => {
  it.each([
    [{ complaintType: '描述不符', tradeStatus: '交易成功' }, 'complaint'],
    [{ tradeStatus: '交易成功' }, 'aftersale'],
    [{ refundStatus: '售后处理中' }, 'aftersale'],
    [{ tradeStatus: '卖家已发货' }, 'refund'],
    [{}, 'refund'],
  ] as const)('%j → %s', (facts, kind) => {
    expect(evaluate(facts as Facts, defaultPack, { now: NOW }).kind).toBe(kind);
  });

  it('an explicit kind wins', () => {
    expect(evaluate({ tradeStatus: '交易成功' }, defaultPack, { now: NOW, kind: 'refund' }).kind).toBe(
      'refund',
    );
  });

  it('unknown reason → warning, no compensation', () => {
    const g = evaluate({ ...unshipped, reason: '颜色不喜欢' }, defaultPack, { now: NOW });
    expect(g.warnings.find((w) => w.code === 'unknown-reason')).toMatchObject({ fields: ['reason'] });
    expect(g.compensation).toMatchObject({ triggered: false, amount: null, ruleId: null });
  });

  it('reason texts match after normalisation (spaces, full-width, zero-width, decorations)', () => {
    for (const reason of [' 卖家缺货 ', '\u3000缺货', '缺货\u200b', '卖家缺货（库存不足）']) {
      expect(evaluate({ ...unshipped, reason }, defaultPack, { now: NOW }).compensation.ruleId, reason).toBe(
        'comp-tmall-2019',
      );
    }
  });

  it('unreadable fields are listed in one warning with their keys', () => {
    const g = evaluate(
      { ...unshipped, reason: '不想买了', unreadable: ['shippedAt', 'buyer'] },
      defaultPack,
      { now: NOW },
    );
    expect(g.warnings.find((w) => w.code === 'unreadable-field')?.fields).toEqual(['shippedAt', 'buyer']);
  });

  afterEach(() => vi.useRealTimers());

  it('is deterministic and never reads the clock', () => {
    const facts = { ...unshipped, reason: '卖家缺货', platformCountdown: '剩余2天23时7分51秒' };
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const a = evaluate(facts, defaultPack, { now: NOW });
    vi.setSystemTime(new Date('2001-06-01T00:00:00Z'));
    const b = evaluate(facts, defaultPack, { now: NOW });
    expect(b).toEqual(a);
    expect(GuidanceSchema.parse(a)).toEqual(a);
  });

  it('rejects a now that is not a time', () => {
    expect(() => evaluate(unshipped, defaultPack, { now: 'yesterday' })).toThrow(/now/);
  });
});

describe('recidivism (Taobao, orders paid from 2014-12-26; 30-day blocks; reset on 1 January)', () => {
  const anchor = toEpochMs('2014-12-26T00:00:00+08:00');
  const block = (iso: string) => blockOf(toEpochMs(iso), anchor, 30, true);

  it('block boundaries: 12-26…01-24 is the first block, 01-25 starts the second', () => {
    expect(block('2014-12-25T23:59:59+08:00')).toBeNull();
    expect(block('2014-12-26T00:00:00+08:00')?.index).toBe(0);
    expect(block('2015-01-24T23:59:59+08:00')?.index).toBe(0);
    expect(block('2015-01-25T00:00:00+08:00')).toMatchObject({
      index: 1,
      from: '2015-01-25',
      to: '2015-02-23',
    });
    expect(block('2015-02-23T12:00:00+08:00')?.index).toBe(1);
    expect(block('2015-02-24T00:00:00+08:00')?.index).toBe(2);
    // The first block straddles New Year: counted per year.
    expect(block('2014-12-31T10:00:00+08:00')).toMatchObject({
      index: 0,
      year: 2014,
      from: '2014-12-26',
      to: '2014-12-31',
    });
    expect(block('2015-01-02T10:00:00+08:00')).toMatchObject({
      index: 0,
      year: 2015,
      from: '2015-01-01',
      to: '2015-01-24',
    });
  });

  const settled = (orderPaidAt: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
    buyer: 'someone',
    amount: 10,
    at: orderPaidAt,
    kind: 'proactive-settlement',
    reason: '未按约定时间发货',
    orderPaidAt,
    ...extra,
  });
  const complaintPaidAt = (paidAt: string): Facts => ({
    complaintType: '未按约定时间发货',
    paidAt,
    complaintFiledAt: '2015-03-01T10:00:00+08:00',
    orderId: '1',
  });
  const run = (paidAt: string, ledger: LedgerEntry[]) =>
    evaluate(complaintPaidAt(paidAt), defaultPack, {
      now: '2015-03-02T10:00:00+08:00',
      platform: 'taobao',
      ledger,
    });

  it('the 3rd settlement in the same block → recidivism warning', () => {
    const g = run('2015-01-24T20:00:00+08:00', [
      settled('2015-01-02T10:00:00+08:00'),
      settled('2015-01-10T10:00:00+08:00'),
    ]);
    expect(g.warnings.find((w) => w.code === 'recidivism')?.ruleId).toBe('recidivism-taobao-late-ship');
  });

  it('the next block starts fresh (01-25)', () => {
    const g = run('2015-01-25T00:00:00+08:00', [
      settled('2015-01-02T10:00:00+08:00'),
      settled('2015-01-10T10:00:00+08:00'),
    ]);
    expect(g.warnings.map((w) => w.code)).not.toContain('recidivism');
  });

  it('the count restarts on 1 January even inside the first block', () => {
    const ledger = [settled('2014-12-27T10:00:00+08:00'), settled('2014-12-30T10:00:00+08:00')];
    expect(run('2014-12-31T10:00:00+08:00', ledger).warnings.map((w) => w.code)).toContain('recidivism');
    expect(run('2015-01-02T10:00:00+08:00', ledger).warnings.map((w) => w.code)).not.toContain('recidivism');
  });

  it('only proactive settlements of 未按约定时间发货 on other orders count; orders paid before 2014-12-26 never', () => {
    const noise = [
      settled('2015-01-02T10:00:00+08:00', { kind: 'platform-payout' }),
      settled('2015-01-03T10:00:00+08:00', { reason: '描述不符' }),
      settled('2015-01-04T10:00:00+08:00', { orderId: '1' }),
      settled('2015-01-05T10:00:00+08:00'),
    ];
    expect(run('2015-01-20T10:00:00+08:00', noise).warnings.map((w) => w.code)).not.toContain('recidivism');
    const before = run('2014-12-25T10:00:00+08:00', [
      settled('2014-12-20T10:00:00+08:00'),
      settled('2014-12-21T10:00:00+08:00'),
    ]);
    expect(before.warnings.map((w) => w.code)).not.toContain('recidivism');
    expect(before.explanation.some((e) => e.ruleId === 'recidivism-taobao-late-ship')).toBe(false);
  });

  it('Tmall has no such rule', () => {
    const g = evaluate(complaintPaidAt('2015-01-24T20:00:00+08:00'), defaultPack, {
      now: '2015-03-02T10:00:00+08:00',
      ledger: [settled('2015-01-02T10:00:00+08:00'), settled('2015-01-10T10:00:00+08:00')],
    });
    expect(g.warnings.map((w) => w.code)).not.toContain('recidivism');
  });
});

describe('contestable reasons', () => {
  it('未按约定时间发货 requested inside the 48 h promise (not shipped yet) is contestable', () => {
    // Was: "before 72 h after payment" (S0:207, the 72 h era). In the 2019 profile the
    // promise is 48 h (S3:55): the order is not late before 2026-11-22 10:00.
    const g = evaluate({ ...unshipped, reason: '未按约定时间发货' }, defaultPack, { now: NOW });
    expect(g.compensation).toMatchObject({ triggered: true, contestable: true });
    // Times in the sentence as an agent reads them (the explanation's facts keep ISO).
    expect(g.compensation.explanation.zh).toContain('仍在发货时限 2026-11-22 10:00 之内');
    expect(g.compensation.explanation.zh).not.toMatch(/T\d{2}:\d{2}|\+08:00/);
  });

  it('未按约定时间发货 after the promise lapsed with no shipment is due: settle fast', () => {
    const g = evaluate(
      { ...unshipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-23T11:00:00+08:00' },
      defaultPack,
      { now: '2026-11-23T12:00:00+08:00' },
    );
    expect(g.compensation).toMatchObject({ triggered: true, contestable: false, amount: '150.00' });
    expect(g.actions[0]!.ruleId).toBe('act-settle-refund');
  });

  it('缺货 on a shipped order is contestable', () => {
    const g = evaluate(
      { ...unshipped, reason: '缺货', shippedAt: '2026-11-20T12:00:00+08:00' },
      defaultPack,
      { now: NOW },
    );
    expect(g.compensation.contestable).toBe(true);
    expect(g.actions[0]!.ruleId).toBe('act-ask-correct-reason');
  });
});
