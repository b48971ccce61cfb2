/**
 * Issue 12 item 2: the old refund2 detail's embedded `var disputeData = {…}` as a second source
 * that cross-checks the page (core/pages/dispute-data.ts). Read as text and never run; where it
 * says another return carrier than the page, the case is marked with both values (side panel,
 * `guidance`), and nothing else changes; where it cannot be used, the page's read is the same as
 * without it, with a note.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { readPage } from '../../../core/pages';
import { MAX_DATA_CHARS, readDisputeData } from '../../../core/pages/dispute-data';
import { defaultPack, evaluate } from '../../../core/index';
import { sameRead } from '../../../protocol/limits';
import { CaseCard } from '../../../components/case-card';
import { LocaleContext, uiMessages } from '../../../components/i18n';
import { runGuidance } from '../../../cli/run';
import { FIXTURES, fixtureHtml, parseHtml } from './load';
import { join } from 'node:path';

const RETURN_URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611160522';
const TAOBAO_URL = 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3921845507769901&disputeType=1';
const SCRIPT = /<script>var disputeData = [\s\S]*?<\/script>/;

function read(html: string, url = RETURN_URL) {
  return readPage(parseHtml(html, url), url);
}

/** `file` with its disputeData script replaced by `script` (null: removed). */
function withScript(file: string, script: string | null): string {
  const html = fixtureHtml(file);
  if (!SCRIPT.test(html)) throw new Error(`${file} has no disputeData script`);
  return html.replace(SCRIPT, script === null ? '' : `<script>${script}</script>`);
}

/** What the page alone says (its disputeData script removed): a second source never changes it. */
const pageOnly = (file: string, url = RETURN_URL) => read(withScript(file, null), url).cases;

const dataScript = (company: string, extra = '') =>
  `var disputeData = {"logistics_1":{"company":"${company}","latestMsg":"快件已揽收","latestTime":"2026-11-16 18:40:00"${extra}}};`;

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<string, unknown>).__disputeDataRan;
});

describe('the second source agrees: no mark', () => {
  it('refund2-detail-taobao.html: logistics_1.company is the carrier of 买家已退货：…（圆通速递) → no mark, no note, the same facts', () => {
    const r = read(fixtureHtml('refund2-detail-taobao.html'), TAOBAO_URL);
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0]!.secondSource).toBeUndefined();
    expect(r.warnings).toBeUndefined();
    // Its latestMsg reads `剩余1天2时 实付款：¥999.00`: no countdown, no amount comes from it.
    expect(r.cases[0]!.facts).toEqual(pageOnly('refund2-detail-taobao.html', TAOBAO_URL)[0]!.facts);
    expect(r.cases[0]!.facts.platformCountdown).toBe('06天12时30分');
    expect(r.cases[0]!.facts.paidAmount).toBeUndefined();
  });
});

describe('the second source disagrees: the case is marked, never resolved', () => {
  it('refund2-detail-tmall-return.html: page 中通快递, data 韵达快递 → a returnCarrier mark naming both; facts as the page alone', () => {
    const r = read(fixtureHtml('refund2-detail-tmall-return.html'));
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0]!.secondSource).toEqual([
      { field: 'returnCarrier', page: '中通快递', script: '韵达快递' },
    ]);
    const alone = pageOnly('refund2-detail-tmall-return.html')[0]!;
    expect(r.cases[0]!.facts).toEqual(alone.facts);
    expect(r.cases[0]!.unreadable).toEqual(alone.unreadable);
    expect(r.cases[0]!.facts).toMatchObject({
      refundStatus: '买家已退货',
      platformCountdown: '05天08时10分',
    });
  });

  it('a mark is a change of the read: a re-report with the mark is not the same read', () => {
    const marked = read(fixtureHtml('refund2-detail-tmall-return.html')).cases[0]!;
    const plain = pageOnly('refund2-detail-tmall-return.html')[0]!;
    expect(sameRead(marked, plain)).toBe(false);
    expect(sameRead(marked, { ...marked })).toBe(true);
  });

  it('the data never supplies what the page lacks: a carrier in disputeData with no return on the page → no mark, no fact', () => {
    const html = withScript('refund2-detail-tmall.html', dataScript('韵达快递'));
    const r = read(html, 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611190301');
    expect(r.cases[0]!.secondSource).toBeUndefined();
    expect(JSON.stringify(r.cases[0]!.facts)).not.toContain('韵达');
  });

  it('a buyer’s 退款说明 that reads like a return sentence is no page carrier (free text is never read)', () => {
    const html = fixtureHtml('refund2-detail-taobao.html').replace(
      '<dt>买家：</dt>',
      '<dt>退款说明：</dt><dd>买家已退货：12345678（顺丰速运)</dd><dt>买家：</dt>',
    );
    expect(html).toContain('顺丰速运');
    expect(read(html, TAOBAO_URL).cases[0]!.secondSource).toBeUndefined();
  });

  it('company and latestMsg may sit one level down, and the components under a member of the object', () => {
    const wrapped =
      'var disputeData = {"data":{"logistics_1":{"fields":{"company":"韵达快递","latestMsg":"x","latestTime":""}}}};';
    const r = read(withScript('refund2-detail-tmall-return.html', wrapped));
    expect(r.cases[0]!.secondSource).toEqual([
      { field: 'returnCarrier', page: '中通快递', script: '韵达快递' },
    ]);
  });
});

describe('an unusable second source: the page’s read unchanged, with a note', () => {
  const huge = `var disputeData = {"logistics_1":{"company":"韵达快递","latestMsg":"${'剩'.repeat(5_000_000)}"}};`;
  const cases: Array<[string, string, string]> = [
    [
      'not strict JSON (a JS object literal)',
      "var disputeData = {logistics_1: {company: '韵达快递'}};",
      'not-json',
    ],
    ['cut off', 'var disputeData = {"logistics_1":{"company":"韵达快递"', 'unterminated'],
    ['mismatched brackets', 'var disputeData = {"logistics_1":["韵达快递"}};', 'not-json'],
    ['a 5 MB script', huge, 'too-long'],
    ['nested 1,000 deep', `var disputeData = {"a":${'['.repeat(1000)}${']'.repeat(1000)}};`, 'too-deep'],
    ['a company that is no string', 'var disputeData = {"logistics_1":{"company":42}};', 'invalid'],
    [
      'a latestMsg of 10,000 characters',
      dataScript('韵达快递', `,"x":1`).replace('快件已揽收', 'x'.repeat(10_000)),
      'invalid',
    ],
    ['an array', 'var disputeData = [{"logistics_1":{"company":"韵达快递"}}];', 'not-json'],
  ];
  for (const [what, script, why] of cases) {
    it(`${what} → ignored (${why}), no mark, facts as the page alone`, () => {
      const r = read(withScript('refund2-detail-tmall-return.html', script));
      expect(r.warnings).toEqual([{ code: 'second-source-unreadable', why }]);
      expect(r.cases).toHaveLength(1);
      expect(r.cases[0]!.secondSource).toBeUndefined();
      expect(r.cases[0]).toEqual(pageOnly('refund2-detail-tmall-return.html')[0]);
    });
  }

  it('the object literal is capped: one character over MAX_DATA_CHARS is too long, whatever follows', () => {
    const pad = (n: number) => `var disputeData = {"p":"${'x'.repeat(n)}"};`;
    const fits = MAX_DATA_CHARS - '{"p":""}'.length;
    const doc = (s: string) => parseHtml(`<p>x</p><script>${s}</script>`);
    expect(readDisputeData(doc(pad(fits))).status).toBe('read');
    expect(readDisputeData(doc(pad(fits + 1)))).toEqual({ status: 'unreadable', why: 'too-long' });
  });

  it('two disputeData scripts → neither is used', () => {
    const html = fixtureHtml('refund2-detail-tmall-return.html').replace(
      '</body>',
      `<script>${dataScript('中通快递')}</script></body>`,
    );
    const r = read(html);
    expect(r.warnings).toEqual([{ code: 'second-source-unreadable', why: 'twice' }]);
    expect(r.cases[0]!.secondSource).toBeUndefined();
  });

  it('an external script (src) or one without the marker is no second source', () => {
    const doc = parseHtml(
      '<script src="https://g.alicdn.com/x.js">var disputeData = {"logistics_1":{"company":"a"}};</script><script>var other = {};</script>',
    );
    expect(readDisputeData(doc)).toEqual({ status: 'absent' });
  });
});

describe('a script that tries code is ignored, never executed', () => {
  const CODE = [
    'var disputeData = (function(){ globalThis.__disputeDataRan = true; return {"logistics_1":{"company":"韵达快递"}}; })();',
    'var disputeData = eval(\'({"logistics_1":{"company":"韵达快递"}})\');',
    "var disputeData = new Function('globalThis.__disputeDataRan = true; return {}')();",
  ];
  for (const script of CODE) {
    it(`${script.slice(18, 40)}… → not-json, nothing run`, () => {
      const evalSpy = vi.spyOn(globalThis, 'eval');
      const r = read(withScript('refund2-detail-tmall-return.html', script));
      expect(r.warnings).toEqual([{ code: 'second-source-unreadable', why: 'not-json' }]);
      expect(r.cases[0]!.secondSource).toBeUndefined();
      expect((globalThis as Record<string, unknown>).__disputeDataRan).toBeUndefined();
      expect(evalSpy).not.toHaveBeenCalled();
    });
  }

  it('code inside a JSON string is data: the object is read, the string never run', () => {
    const script = dataScript('韵达快递').replace(
      '快件已揽收',
      '\\"});globalThis.__disputeDataRan=true;({\\"',
    );
    const r = read(withScript('refund2-detail-tmall-return.html', script));
    expect(r.warnings).toBeUndefined();
    expect(r.cases[0]!.secondSource).toEqual([
      { field: 'returnCarrier', page: '中通快递', script: '韵达快递' },
    ]);
    expect((globalThis as Record<string, unknown>).__disputeDataRan).toBeUndefined();
  });
});

describe('lists are not cross-checked', () => {
  it('refund2-list-tmall.html (its disputeData describes the first page only): no mark, no note', () => {
    const url = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1';
    const r = read(fixtureHtml('refund2-list-tmall.html'), url);
    expect(r.cases.length).toBeGreaterThan(1);
    expect(r.cases.every((c) => c.secondSource === undefined)).toBe(true);
    expect(r.warnings).toBeUndefined();
  });
});

describe('the mark where the agent sees it', () => {
  it('the side panel shows it among the warnings, zh-CN first, with both values', () => {
    const c = read(fixtureHtml('refund2-detail-tmall-return.html')).cases[0]!;
    const now = '2026-11-16T19:00:00+08:00';
    const guidance = evaluate(c.facts, defaultPack, { now, platform: c.platform, kind: c.kind });
    const root = document.createElement('div');
    document.body.append(root);
    for (const [locale, want] of [
      [
        'zh-CN',
        '退货物流公司无法确定：页面上显示「中通快递」，页面内嵌的数据（disputeData）却是「韵达快递」',
      ],
      [
        'en',
        'Return carrier unreadable: the page shows “中通快递” but its embedded data (disputeData) says “韵达快递”',
      ],
    ] as const) {
      render(
        <LocaleContext.Provider value={uiMessages(locale)}>
          <CaseCard
            c={{ key: 'tmall:refund:202611160522', read: c, guidance }}
            nowMs={Date.parse(now)}
            thresholdsHours={[4, 1]}
          />
        </LocaleContext.Provider>,
        root,
      );
      const li = root.querySelector('[data-code="second-source-disagrees"]');
      expect(li?.getAttribute('data-fields')).toBe('returnCarrier');
      expect(li?.textContent).toContain(want);
      render(null, root);
    }
    root.remove();
  });

  it('npm run guidance on the saved page at its real URL prints the mark among the case’s warnings', async () => {
    const r = await runGuidance([
      join(FIXTURES, 'refund2-detail-tmall-return.html'),
      '--url',
      RETURN_URL,
      '--now',
      '2026-11-16T19:00:00+08:00',
    ]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      cases: Array<{
        warnings: Array<{ code: string; page?: string; script?: string; message: { zh: string } }>;
      }>;
    };
    const mark = out.cases[0]!.warnings.find((w) => w.code === 'second-source-disagrees');
    expect(mark).toMatchObject({ page: '中通快递', script: '韵达快递' });
    expect(mark!.message.zh).toContain('两者不一致');
  });
});
