/**
 * Reading trust (issue 17 item 1; security review H1 and L4): buyer-written text (the nick,
 * 退款说明, 留言) never supplies a countdown, a label or an amount; two different readable
 * values for one key, or two countdowns, make that key unreadable; implausible times and
 * countdowns are unreadable; page times ahead of the clock are warned about.
 *
 * Each case below reproduced its finding on the readers before this file's fix.
 */
import { describe, expect, it } from 'vitest';
import { readPage, readPageWithAnchors, rereadRows } from '../../../core/pages';
import { fixtureHtml, parseHtml } from './load';

const ROWS_URL = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
const DETAIL_URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
const NOW = Date.parse('2026-11-21T12:00:00+08:00');

function read(html: string, url: string, opts: Parameters<typeof readPage>[2] = {}) {
  return readPage(parseHtml(html, url), url, { platform: 'tmall', ...opts });
}

/** refund-list-rows.html with the first row's buyer cell set to `nick`. */
function rowsWithNick(nick: string): string {
  return fixtureHtml('refund-list-rows.html').replace(
    '<span class="nick_b1">tb_小鹿100</span>',
    `<span class="nick_b1">${nick}</span>`,
  );
}

/** refund-detail-tmall.html with `extra` put at the end of the 退款信息 list (before 订单信息). */
function detailWith(extra: string, html = fixtureHtml('refund-detail-tmall.html')): string {
  return html.replace('<dt>买家：</dt>', `${extra}<dt>买家：</dt>`);
}

const REAL_PAID = { paidAmount: 500, paidAt: '2026-11-19T21:14:05+08:00' };

describe('H1: buyer text never becomes the platform countdown', () => {
  for (const nick of ['剩余29天23时59分', '剩余0天1时0分45秒']) {
    it(`a list row whose buyer nick is ${nick} keeps its own timer (剩余时间 column)`, () => {
      const { cases } = read(rowsWithNick(nick), ROWS_URL);
      expect(cases[0]!.facts.buyer).toBe(nick);
      expect(cases[0]!.facts.platformCountdown).toBe('剩余3天0时0分0秒');
      expect(cases[0]!.unreadable).toEqual([]);
    });
  }

  it('a list without a timer column: the nick gives no countdown', () => {
    const html = rowsWithNick('剩余29天23时59分')
      .replace(
        /<th class="next-table-header-node_5d"><div class="next-table-cell-wrapper_a8f3">剩余时间<\/div><\/th>/,
        '',
      )
      .replace(
        /<td class="next-table-cell_a8f3"><div class="next-table-cell-wrapper_a8f3"><span class="cd_19aa">[^<]*<\/span><\/div><\/td>/g,
        '',
      );
    const { cases } = read(html, ROWS_URL);
    expect(cases[0]!.facts.buyer).toBe('剩余29天23时59分');
    expect(cases[0]!.facts.platformCountdown).toBeUndefined();
  });

  it('a detail whose nick comes before the status timer keeps the status timer', () => {
    const html = fixtureHtml('refund-detail-tmall.html')
      .replace('tb_小鹿2026 <span class="ww_5c">联系买家</span>', '剩余29天23时59分')
      .replace(/(<div class="rf-status_92ab">[\s\S]*?<\/div>)([\s\S]*?)(<\/div>\s*<\/body>)/, '$2$1$3');
    const { cases } = read(html, DETAIL_URL);
    expect(cases[0]!.facts.buyer).toBe('剩余29天23时59分');
    expect(cases[0]!.facts.platformCountdown).toBe('剩余2天23时7分51秒');
  });

  it('a detail with no platform timer: the nick gives none', () => {
    const html = fixtureHtml('refund-detail-tmall.html')
      .replace('tb_小鹿2026 <span class="ww_5c">联系买家</span>', '剩余29天23时59分')
      .replace(/<p class="st-timer_e5a0">[\s\S]*?<\/p>/, '');
    const { cases } = read(html, DETAIL_URL);
    expect(cases[0]!.facts.buyer).toBe('剩余29天23时59分');
    expect(cases[0]!.facts.platformCountdown).toBeUndefined();
  });

  it('a countdown in 退款说明 or 留言 is no countdown', () => {
    const html = detailWith(
      '<dt>退款说明：</dt><dd>请在1天内处理，剩余0天1时0分，谢谢</dd><dt>买家留言：</dt><dd>还剩 29天 23时 59分</dd>',
    ).replace(/<p class="st-timer_e5a0">[\s\S]*?<\/p>/, '');
    expect(read(html, DETAIL_URL).cases[0]!.facts.platformCountdown).toBeUndefined();
  });

  it('an event sentence with a countdown-like nick is no countdown', () => {
    const html = fixtureHtml('refund2-detail-tmall.html').replace(
      /<div class="status-bar">[\s\S]*?<\/div>/,
      '',
    );
    const nick = html.replace(
      /[^<>\n]*于(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})创建了退款申请/,
      '剩余29天23时59分于$1创建了退款申请',
    );
    expect(nick).not.toBe(html);
    const { cases } = read(nick, 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1');
    expect(cases[0]!.facts.platformCountdown).toBeUndefined();
  });
});

describe('H1: no label is looked for inside another label’s value', () => {
  const layouts: Array<[string, string]> = [
    [
      'a dd with <br> lines',
      '<dt>退款说明：</dt><dd>一直不发货<br>实付金额：¥5000.00<br>付款时间：2026-11-01 00:00:00</dd>',
    ],
    [
      'a dd with <p> lines',
      '<dt>退款说明：</dt><dd><p>一直不发货</p><p>实付金额：¥5000.00</p><p>付款时间：2026-11-01 00:00:00</p></dd>',
    ],
    [
      'a dd whose first line is a label',
      '<dt>退款说明：</dt><dd>实付金额：¥5000.00<br>付款时间：2026-11-01 00:00:00</dd>',
    ],
    [
      'a span value with label-like spans',
      '<dt>留言：</dt><dd><span>实付金额</span><span>¥5000.00</span><span>付款时间</span><span>2026-11-01 00:00:00</span></dd>',
    ],
  ];
  for (const [name, extra] of layouts) {
    it(`退款说明 as ${name}: the real 实付金额 and 付款时间 stay`, () => {
      const { cases } = read(detailWith(extra), DETAIL_URL);
      expect(cases[0]!.facts).toMatchObject(REAL_PAID);
      expect(cases[0]!.unreadable).toEqual([]);
    });
  }

  it('the workbench detail (label + span): a multi-line 退款说明 sets no amount', () => {
    const html = fixtureHtml('workbench-detail-tmall.html').replace(
      '<span>一直不发货，不想等了</span>',
      '<span>一直不发货<br>实付款: ¥5000.00<br>付款时间: 2026-11-01 00:00:00</span>',
    );
    const url =
      'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1';
    const { cases } = read(html, url);
    expect(cases[0]!.facts).toMatchObject(REAL_PAID);
    expect(cases[0]!.unreadable).toEqual([]);
  });

  it('an inline 退款说明 paragraph with <br> lines sets no amount', () => {
    const html = detailWith(
      '</dl><p>退款说明：一直不发货<br>实付金额：¥5000.00<br>付款时间：2026-11-01 00:00:00</p><dl class="next-dl_4d0e">',
    );
    const { cases } = read(html, DETAIL_URL);
    expect(cases[0]!.facts).toMatchObject(REAL_PAID);
  });
});

describe('H1: a 退款说明 that follows another label on the same line (second review)', () => {
  // The refund2 history line, `退款原因：… 退款说明：…`, with the buyer's text running on.
  const REFUND2_URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1';
  const refund2With = (buyerText: string, html = fixtureHtml('refund2-detail-tmall.html')) =>
    html.replace(
      '<li>退款原因：卖家缺货\u3000退款说明：拍下后一直没发货</li>',
      `<li>退款原因：卖家缺货\u3000退款说明：${buyerText}</li>`,
    );

  it('lines after it set no amount and no payment time', () => {
    const base = read(refund2With('拍下后一直没发货'), REFUND2_URL).cases[0]!;
    const c = read(
      refund2With('拍下后一直没发货<br>实付金额：¥5000.00<br>付款时间：2026-11-01 00:00:00'),
      REFUND2_URL,
    ).cases[0]!;
    expect(c.facts.paidAmount).toBeUndefined();
    expect(c.facts.paidAt).toBeUndefined();
    expect(c.facts).toEqual(base.facts);
  });

  it('a countdown line after it is no platform countdown', () => {
    const html = refund2With('拍下后一直没发货<br>请在29天23时0分内处理').replace(
      /<div class="status-bar">.*?<\/div>/s,
      '',
    );
    const c = read(html, REFUND2_URL).cases[0]!;
    expect(c.facts.platformCountdown).toBeUndefined();
  });

  it('activity and shipping time lines after it are not read', () => {
    const c = read(
      refund2With('拍下后一直没发货<br>活动：预售<br>发货时间：2026-11-19 10:00:00'),
      REFUND2_URL,
    ).cases[0]!;
    expect(c.facts.activity).toBeUndefined();
    expect(c.facts.shippedAt).toBeUndefined();
    // The label that leads the line is still read.
    expect(c.facts.reason).toBe('卖家缺货');
  });

  it('in a list cell: after 买家留言 / 退款说明 nothing more of the cell is read', () => {
    const html = fixtureHtml('refund-list-taobao.html');
    const nick = '<p>买家：小石头_abc</p>';
    const base = read(html, ROWS_URL, { platform: 'taobao' }).cases[0]!;
    for (const cell of [
      '<p>买家：小石头_abc\u3000退款说明：拍下后没发货<br>活动：预售<br>发货时间：2026-11-19 10:00:00</p>',
      `${nick}<p><span>买家留言：</span><span>付款时间：2026-11-01 00:00:00 </span><span>活动：预售</span></p>`,
    ]) {
      const c = read(html.replace(nick, cell), ROWS_URL, { platform: 'taobao' }).cases[0]!;
      expect(c.facts.activity, cell).toBeUndefined();
      expect(c.facts.shippedAt, cell).toBeUndefined();
      expect(c.facts.paidAt, cell).toBe(base.facts.paidAt);
      expect(c.facts.buyer, cell).toBe('小石头_abc');
    }
  });
});

describe('H1: two different readable values for one key are unreadable, not first-wins', () => {
  it('two 实付金额 values → paidAmount unreadable', () => {
    const html = detailWith('</dl><p>实付金额：¥5000.00</p><dl class="next-dl_4d0e">');
    const { cases } = read(html, DETAIL_URL);
    expect(cases[0]!.facts.paidAmount).toBeUndefined();
    expect(cases[0]!.unreadable).toEqual(['paidAmount']);
  });

  it('the same value shown twice is one value', () => {
    const html = detailWith('</dl><p>实付金额：500.00元</p><dl class="next-dl_4d0e">');
    expect(read(html, DETAIL_URL).cases[0]!.facts.paidAmount).toBe(500);
  });

  it('two different countdowns in one panel → platformCountdown unreadable', () => {
    const html = fixtureHtml('refund-detail-tmall.html').replace(
      '<p>您同意后',
      '<p class="st-timer_b">处理时限：<span>剩余29天23时59分</span>，逾期未处理系统将自动同意退款。</p><p>您同意后',
    );
    const { cases } = read(html, DETAIL_URL);
    expect(cases[0]!.facts.platformCountdown).toBeUndefined();
    expect(cases[0]!.unreadable).toContain('platformCountdown');
  });

  it('a list row whose status column and timer column show different countdowns → unreadable', () => {
    const html = fixtureHtml('refund-list-rows.html').replace(
      '<div class="next-table-cell-wrapper_a8f3">等待商家处理</div>',
      '<div class="next-table-cell-wrapper_a8f3">等待商家处理 剩余1天0时0分0秒</div>',
    );
    const { cases } = read(html, ROWS_URL);
    expect(cases[0]!.facts.platformCountdown).toBeUndefined();
    expect(cases[0]!.unreadable).toContain('platformCountdown');
    expect(cases[1]!.facts.platformCountdown).toBe('剩余2天23时6分0秒');
  });
});

describe('L4: plausibility', () => {
  it('a date without a time of day is unreadable for a time fact (not midnight)', () => {
    const html = fixtureHtml('refund-detail-tmall.html').replace('2026-11-19 21:14:05', '2026-11-19');
    const { cases } = read(html, DETAIL_URL);
    expect(cases[0]!.facts.paidAt).toBeUndefined();
    expect(cases[0]!.unreadable).toEqual(['paidAt']);
  });

  for (const when of [
    '1999-11-19 21:14:05',
    '3026-11-19 21:14:05',
    '2024-11-19 21:14:05',
    '2028-12-01 10:00:00',
  ]) {
    it(`a time more than 2 years from now (${when}) is unreadable`, () => {
      const html = fixtureHtml('refund-detail-tmall.html').replace('2026-11-19 21:14:05', when);
      const { cases } = read(html, DETAIL_URL, { now: NOW });
      expect(cases[0]!.facts.paidAt).toBeUndefined();
      expect(cases[0]!.unreadable).toEqual(['paidAt']);
    });
  }

  it('a time within 2 years is read', () => {
    const html = fixtureHtml('refund-detail-tmall.html').replace(
      '2026-11-19 21:14:05',
      '2025-01-02 03:04:05',
    );
    expect(read(html, DETAIL_URL, { now: NOW }).cases[0]!.facts.paidAt).toBe('2025-01-02T03:04:05+08:00');
  });

  for (const text of [
    '剩余99999999999天',
    '剩余 1天 25时 61分',
    '剩余61天0时0分',
    '剩余2天23时7分60秒',
    '剩余 05:61:09',
  ]) {
    it(`an implausible countdown (${text}) is unreadable, never NaN`, () => {
      const html = fixtureHtml('refund-detail-tmall.html').replace(
        /<span class="cd_19aa">[\s\S]*?<\/span>/,
        `<span class="cd_19aa">${text}</span>`,
      );
      const { cases } = read(html, DETAIL_URL);
      expect(cases[0]!.facts.platformCountdown).toBeUndefined();
      expect(cases[0]!.unreadable).toContain('platformCountdown');
    });
  }

  it('a countdown of 60 days or less with its units in range is read', () => {
    const html = fixtureHtml('refund-detail-tmall.html').replace(
      /<span class="cd_19aa">[\s\S]*?<\/span>/,
      '<span class="cd_19aa">剩余59天23时59分59秒</span>',
    );
    expect(read(html, DETAIL_URL).cases[0]!.facts.platformCountdown).toBe('剩余59天23时59分59秒');
  });

  it('page times ahead of the clock: a warning naming the field (the value is kept)', () => {
    const html = fixtureHtml('refund-detail-tmall.html');
    const behind = Date.parse('2026-11-19T12:00:00+08:00'); // the agent's clock 2 days slow
    const result = read(html, DETAIL_URL, { now: behind });
    expect(result.cases[0]!.facts.refundRequestedAt).toBe('2026-11-20T10:02:37+08:00');
    expect(result.warnings).toEqual([
      {
        code: 'page-time-ahead',
        index: 0,
        fields: ['paidAt', 'refundRequestedAt'],
        aheadMs: Date.parse('2026-11-20T10:02:37+08:00') - behind,
      },
    ]);
    expect(read(html, DETAIL_URL, { now: NOW }).warnings ?? []).toEqual([]);
  });

  it('rows read again alone get the same plausibility check (the content script passes now)', () => {
    const url = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm';
    const doc = parseHtml(fixtureHtml('refund-list-rows.html'), url);
    const whole = readPageWithAnchors(doc, url, { now: NOW });
    const first = whole.cases[0]!;
    const cell = Array.from(first.anchor.querySelectorAll('td')).find(
      (td) => td.textContent === '2026-11-20 04:00:00',
    )!;
    cell.textContent = '3026-11-20 04:00:00';
    const [again] = rereadRows(first.list!, [first.anchor], url, { now: NOW })!;
    expect(again!.facts.paidAt).toBeUndefined();
    expect(again!.unreadable).toEqual(['paidAt']);
  });
});
