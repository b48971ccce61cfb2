/**
 * Layout robustness: the same panel written in every pairing layout of panel-fields.md —
 * and shuffled, with renamed classes, extra wrappers and noise — reads to the same facts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../core/model/facts';
import { readPage, readPageWithAnchors } from '../../../core/pages';
import { parseHtml } from './load';

const URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';

/** What the panel shows: label → value as written. */
const FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['退款编号', '202611200001'],
  ['订单编号', '3921845507761234'],
  ['买家', 'tb_小鹿2026'],
  ['退款原因', '卖家缺货'],
  ['退款金额', '¥500.00'],
  ['实付金额', '500.00 元'],
  ['运费', '包邮'],
  ['付款时间', '2026-11-19 21:14:05'],
  ['申请时间', '2026/11/20 10:02'],
  ['订单状态', '买家已付款'],
  ['退款状态', '等待商家处理'],
  ['物流方式', '快递'],
];
const COUNTDOWN = '<div class="st">处理时限：剩余2天23时7分51秒</div>';

/** …and what must be read from it. */
const EXPECTED: Facts = {
  refundId: '202611200001',
  orderId: '3921845507761234',
  buyer: 'tb_小鹿2026',
  reason: '卖家缺货',
  refundAmount: 500,
  paidAmount: 500,
  shippingFee: 0,
  paidAt: '2026-11-19T21:14:05+08:00',
  refundRequestedAt: '2026-11-20T10:02:00+08:00',
  tradeStatus: '买家已付款',
  refundStatus: '等待商家处理',
  logistics: '快递',
  platformCountdown: '剩余2天23时7分51秒',
};

type Field = readonly [string, string];
type Layout = (fields: readonly Field[], cls: (n: string) => string) => string;

/** Every pairing layout of panel-fields.md (plus the variants seen on real pages). */
const LAYOUTS: Record<string, Layout> = {
  'table th/td': (f, c) =>
    `<table class="${c('t')}"><tbody>${f.map(([l, v]) => `<tr><th class="${c('k')}">${l}</th><td class="${c('v')}">${v}</td></tr>`).join('')}</tbody></table>`,
  'table td/td': (f, c) =>
    `<table class="${c('t')}">${f.map(([l, v]) => `<tr><td class="${c('k')}">${l}</td><td>${v}</td></tr>`).join('')}</table>`,
  'table, two pairs per row': (f, c) => {
    const rows: string[] = [];
    for (let i = 0; i < f.length; i += 2)
      rows.push(
        `<tr>${f
          .slice(i, i + 2)
          .map(([l, v]) => `<th class="${c('k')}">${l}：</th><td>${v}</td>`)
          .join('')}</tr>`,
      );
    return `<table class="${c('t')}">${rows.join('')}</table>`;
  },
  'dl dt/dd with colons': (f, c) =>
    `<dl class="${c('d')}">${f.map(([l, v]) => `<dt>${l}：</dt><dd class="${c('v')}">${v}</dd>`).join('')}</dl>`,
  'sibling spans': (f, c) =>
    f
      .map(
        ([l, v]) =>
          `<div class="${c('r')}"><span class="${c('k')}">${l}</span><span class="${c('v')}">${v}</span></div>`,
      )
      .join(''),
  'label + wrapped value': (f, c) =>
    f
      .map(
        ([l, v]) =>
          `<div class="${c('r')}"><label>${l}</label><div class="${c('w')}"><em>${v}</em></div></div>`,
      )
      .join(''),
  'wrapped label + wrapped value': (f, c) =>
    f
      .map(
        ([l, v]) =>
          `<div class="${c('r')}"><div class="${c('k')}"><span><i class="icon"></i>${l}</span></div><div><div><em>${v}</em></div></div></div>`,
      )
      .join(''),
  'one text node (full-width colon)': (f, c) =>
    f.map(([l, v]) => `<p class="${c('p')}">${l}：${v}</p>`).join(''),
  'one text node (ASCII colon, spaces)': (f, c) =>
    f.map(([l, v]) => `<p class="${c('p')}">${l} : ${v}</p>`).join(''),
  'label span + text node': (f, c) =>
    `<ul class="${c('u')}">${f.map(([l, v]) => `<li><span class="${c('k')}">${l}：</span>${v}</li>`).join('')}</ul>`,
  'vertical header row': (f, c) =>
    `<table class="${c('t')}"><thead><tr>${f.map(([l]) => `<th>${l}</th>`).join('')}</tr></thead><tbody><tr>${f.map(([, v]) => `<td>${v}</td>`).join('')}</tr></tbody></table>`,
};

let counter = 0;
const generated = (n: string) => `${n}-${((++counter * 2654435761) % 0xffff).toString(16)}_${counter}`;

function page(body: string, head = '<div class="top">天猫商家中心</div>'): string {
  return `<!DOCTYPE html><html><head><title>退款详情</title></head><body>${head}<div class="panel">${COUNTDOWN}${body}</div></body></html>`;
}

function facts(html: string) {
  const result = readPage(parseHtml(html, URL), URL);
  expect(result.errors).toEqual([]);
  expect(result.cases).toHaveLength(1);
  return result.cases[0]!.facts;
}

describe('the same panel in each layout yields identical facts', () => {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    it(name, () => {
      // the list-like vertical table is read as one list row when nothing else says "detail"
      expect(facts(page(layout(FIELDS, generated)))).toEqual(EXPECTED);
    });
  }
});

const SHUFFLES = [
  [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  [3, 0, 7, 1, 9, 11, 2, 5, 4, 10, 6, 8],
  [6, 2, 10, 3, 0, 8, 11, 1, 4, 7, 9, 5],
];

describe('shuffled label order, renamed classes, extra wrappers and noise do not change the facts', () => {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    if (name === 'vertical header row') continue; // its cells pair by column, covered above
    it(`${name}: shuffled`, () => {
      for (const order of SHUFFLES)
        expect(
          facts(
            page(
              layout(
                order.map((i) => FIELDS[i]!),
                generated,
              ),
            ),
          ),
        ).toEqual(EXPECTED);
    });
    it(`${name}: renamed classes`, () => {
      expect(facts(page(layout(FIELDS, () => 'x')))).toEqual(EXPECTED);
      expect(facts(page(layout(FIELDS, (n) => `next-${n}-cell_a8f3 css-1x${n}9`)))).toEqual(EXPECTED);
    });
    it(`${name}: wrapped three levels deep`, () => {
      const inner = layout(FIELDS, generated);
      expect(facts(page(`<div class="a"><section><div class="c">${inner}</div></section></div>`))).toEqual(
        EXPECTED,
      );
    });
    it(`${name}: among noise`, () => {
      const noise = `<div class="top">天猫商家中心 账户余额 ¥12,000.00</div>
        <div class="ad_f31a"><span>广告</span><p>实付金额：¥1.00</p></div>`;
      const after = `<div class="g_1"><h3>猜你喜欢</h3><div><span>实付款</span><span>¥99.00</span><p>退款原因：其他</p><p>剩余0天1时0分0秒</p></div></div>
        <aside><dl><dt>订单金额</dt><dd>¥8,888.00</dd></dl></aside>
        <div class="recommend_x"><span>买家实付</span><span>¥66.00</span></div>`;
      const html = `<!DOCTYPE html><html><body>${noise}<div class="panel">${COUNTDOWN}${layout(FIELDS, generated)}<span class="price">商品单价 ¥158.00</span></div>${after}</body></html>`;
      expect(facts(html)).toEqual(EXPECTED);
    });
  }

  it('property: any mix of layouts per field, any order, any class names, any wrapper depth', () => {
    const names = Object.keys(LAYOUTS).filter((n) => n !== 'vertical header row' && !n.startsWith('table'));
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...FIELDS.keys()], { minLength: FIELDS.length, maxLength: FIELDS.length }),
        fc.array(fc.constantFrom(...names), { minLength: FIELDS.length, maxLength: FIELDS.length }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: FIELDS.length, maxLength: FIELDS.length }),
        // generated-looking names (a hash); words such as `ad`/`rec` would rightly mark noise
        fc.stringMatching(/^[0-9a-f]{4,8}$/).map((h) => `css-${h}-`),
        (order, layouts, depths, cls) => {
          const body = order
            .map((i, k) => {
              const one = LAYOUTS[layouts[k]!]!([FIELDS[i]!], (n) => `${cls}${n}`);
              return '<div>'.repeat(depths[k]!) + one + '</div>'.repeat(depths[k]!);
            })
            .join('');
          expect(facts(page(body))).toEqual(EXPECTED);
        },
      ),
      {
        numRuns: Number(process.env.PROP_RUNS ?? 60),
        seed: process.env.PROP_SEED ? Number(process.env.PROP_SEED) : undefined,
      },
    );
  }, 60_000);
});

describe('values without labels and labels without values', () => {
  it('an unparseable value is unreadable and nothing else is guessed', () => {
    const fields = FIELDS.map(([l, v]): Field =>
      l === '实付金额' ? [l, '待定'] : l === '付款时间' ? [l, '昨天晚上'] : [l, v],
    );
    const read = facts(page(LAYOUTS['dl dt/dd with colons']!(fields, generated)));
    const { paidAmount: _p, paidAt: _t, ...rest } = EXPECTED;
    expect(read).toEqual({ ...rest, unreadable: ['paidAmount', 'paidAt'] });
  });

  it('a label followed by another label has no value; a value with no label is not used', () => {
    const html = page(
      `<dl><dt>退款原因</dt><dd>卖家缺货</dd><dt>实付金额</dt><dt>付款时间</dt><dd>2026-11-19 21:14:05</dd></dl><div><span>¥500.00</span></div>`,
    );
    expect(facts(html)).toEqual({
      reason: '卖家缺货',
      paidAt: '2026-11-19T21:14:05+08:00',
      platformCountdown: '剩余2天23时7分51秒',
      unreadable: ['paidAmount'],
    });
  });

  it('an empty value cell does not borrow the next row', () => {
    const html = page(
      `<table><tr><th>退款原因</th><td></td></tr><tr><th>实付金额</th><td>500.00</td></tr><tr><td>退款金额</td><td> </td></tr></table>`,
    );
    expect(facts(html)).toEqual({
      paidAmount: 500,
      platformCountdown: '剩余2天23时7分51秒',
      unreadable: ['reason', 'refundAmount'],
    });
  });

  it('a trade status or logistics outside the enum is unreadable; 包邮/免运费 are 0', () => {
    const html = page(
      `<p>退款原因：卖家缺货</p><p>订单状态：处理中</p><p>物流方式：飞鸽传书</p><p>运费：免运费</p>`,
    );
    expect(facts(html)).toEqual({
      reason: '卖家缺货',
      shippingFee: 0,
      platformCountdown: '剩余2天23时7分51秒',
      unreadable: ['tradeStatus', 'logistics'],
    });
  });
});

describe('anchors', () => {
  it('a detail case is anchored to its panel element, not the page', () => {
    const doc = parseHtml(page(LAYOUTS['dl dt/dd with colons']!(FIELDS, generated)), URL);
    const { cases } = readPageWithAnchors(doc, URL);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.anchor.className).toBe('panel');
  });

  it('two refund panels on one page → two cases in page order, each anchored to its own block', () => {
    const block = (id: string, amount: string) =>
      `<div class="blk"><dl><dt>退款编号</dt><dd>${id}</dd><dt>退款原因</dt><dd>卖家缺货</dd><dt>实付金额</dt><dd>${amount}</dd></dl></div>`;
    const doc = parseHtml(
      `<html><body><div class="list">${block('1001', '10.00')}${block('1002', '2,399.00')}</div></body></html>`,
      URL,
    );
    const { cases } = readPageWithAnchors(doc, URL);
    expect(cases.map((c) => [c.index, c.facts.refundId, c.facts.paidAmount, c.anchor.className])).toEqual([
      [0, '1001', 10, 'blk'],
      [1, '1002', 2399, 'blk'],
    ]);
  });
});

describe('label/value tables never borrow from the next row', () => {
  it('two pairs per row with empty values: unreadable, not the cell below', () => {
    const html = page(`<table>
      <tr><th>退款原因</th><td>卖家缺货</td><th>运费</th><td></td><th>退款金额</th><td>--</td></tr>
      <tr><th>付款时间</th><td>2026-11-19 21:14:05</td><th>实付金额</th><td>500.00</td><th>订单状态</th><td>买家已付款</td></tr>
    </table>`);
    expect(facts(html)).toEqual({
      reason: '卖家缺货',
      paidAmount: 500,
      paidAt: '2026-11-19T21:14:05+08:00',
      tradeStatus: '买家已付款',
      platformCountdown: '剩余2天23时7分51秒',
      unreadable: ['refundAmount', 'shippingFee'],
    });
  });

  it('the same table at an unknown URL is still read as a detail panel, not as a list', () => {
    const html = page(`<table>
      <tr><td>退款原因</td><td>卖家缺货</td><td>运费</td><td></td><td>退款金额</td><td>--</td></tr>
      <tr><td>付款时间</td><td>2026-11-19 21:14:05</td><td>实付金额</td><td>500.00</td><td>订单状态</td><td>买家已付款</td></tr>
    </table>`);
    const result = readPage(parseHtml(html, 'file:///tmp/saved.html'), 'file:///tmp/saved.html');
    expect(result.cases.map((c) => c.adapter)).toEqual(['refund-detail']);
    expect(result.cases[0]!.facts.paidAmount).toBe(500);
  });
});
