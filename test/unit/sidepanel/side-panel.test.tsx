import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { CaseCard, verdictSentence } from '../../../components/case-card';
import { Queue } from '../../../components/queue';
import { ReplyList, splitPlaceholders } from '../../../components/reply-list';
import { uiMessages } from '../../../components/i18n';
import { toEpochMs } from '../../../core/time/beijing';
import { App, type PanelApi } from '../../../entrypoints/sidepanel/app';
import { NOW_ISO, deadline, guidance, outOfStockCase, read, view } from './cases';
import type { CaseView, PageUnreadable } from '../../../protocol/views';
import { summarizeCase } from '../../../protocol/views';
import { queueOrder } from '../../../core/urgency';

const NOW = toEpochMs(NOW_ISO);
let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const q = (sel: string) => Array.from(root.querySelectorAll(sel));
/** Lets the panel's requests settle: the lists, then the expanded case's full view. */
const flush = async () => {
  for (let i = 0; i < 3; i++)
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
};

describe('verdict', () => {
  it('is one sentence with the reason and the amount when compensation is triggered', () => {
    render(<CaseCard c={outOfStockCase()} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const verdict = q('[data-testid="verdict"]');
    expect(verdict).toHaveLength(1);
    expect(verdict[0]!.textContent).toBe(
      '买家选择的原因“卖家缺货”会触发赔付：平台将向买家赔付 150.00 元（由商家承担）。',
    );
  });

  it('says so when the reason does not trigger compensation, and in English', () => {
    const c = view(read({ refundId: '1', reason: '拍错了' }), guidance());
    expect(verdictSentence(uiMessages('zh-CN'), c)).toBe('买家选择的原因“拍错了”不会触发赔付。');
    expect(verdictSentence(uiMessages('en'), outOfStockCase())).toContain('150.00 yuan');
  });

  it('names the unreadable field when the amount cannot be computed', () => {
    const base = outOfStockCase();
    const c = {
      ...base,
      read: read({ refundId: '2', reason: '卖家缺货', unreadable: ['paidAmount'] }),
      guidance: {
        ...base.guidance,
        compensation: { ...base.guidance.compensation, amount: null, amountFen: null },
      },
    };
    expect(verdictSentence(uiMessages('zh-CN'), c)).toBe(
      '买家选择的原因“卖家缺货”会触发赔付，但赔付金额无法计算（缺少：实付金额）。',
    );
  });

  it('shows the rule, the citation and the facts in the "why" disclosure, in the agent’s words', () => {
    render(<CaseCard c={outOfStockCase()} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const why = q('[data-testid="why"]')[0]!;
    // the rule id is for the curious (hover), not in the text
    expect(why.textContent).not.toContain('comp-out-of-stock');
    expect(why.querySelector('[title="comp-out-of-stock"]')).not.toBeNull();
    // a source this build has no title for is named by its file
    expect(why.textContent).toContain('001_0123456789abcdef.txt');
    expect(why.textContent).toContain('实付金额：500');
  });

  it('when contestable, says so and gives polite correction advice', () => {
    const base = outOfStockCase();
    const c = {
      ...base,
      guidance: { ...base.guidance, compensation: { ...base.guidance.compensation, contestable: true } },
    };
    render(<CaseCard c={c} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const text = q('[data-testid="contestable"]')[0]!.textContent;
    expect(text).toContain('不符');
    expect(text).toContain('礼貌');
  });
});

describe('deadlines', () => {
  it('are listed most urgent first, breached first and said as 已超时', () => {
    render(<CaseCard c={outOfStockCase()} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const rows = q('[data-testid="deadline"]');
    expect(rows.map((r) => r.getAttribute('data-deadline'))).toEqual([
      'seller-response',
      'ship-promise',
      'intervention-open',
    ]);
    const texts = rows.map((r) => r.querySelector('[data-testid="countdown"]')!.textContent);
    expect(texts).toEqual(['已超时 1时05分', '2时30分', '4天02时00分']);
    expect(rows[0]!.querySelector('[data-testid="countdown"]')!.getAttribute('data-urgency')).toBe(
      'breached',
    );
    expect(rows[1]!.querySelector('[data-testid="countdown"]')!.getAttribute('data-urgency')).toBe('warning');
  });

  it('penalty and actions in order', () => {
    render(<CaseCard c={outOfStockCase()} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    expect(q('[data-testid="penalty"]').map((e) => e.textContent)).toEqual(['扣 3 分：若被判定缺货']);
    expect(q('[data-testid="action"]').map((e) => e.textContent)).toEqual(['先核对库存', '再同意退款']);
  });
});

describe('replies', () => {
  it('highlight missing placeholders with <mark data-testid="missing">', () => {
    render(<ReplyList replies={outOfStockCase().guidance.replies} copy={async () => {}} />, root);
    const marks = q('mark[data-testid="missing"]');
    expect(marks.map((m) => m.textContent)).toEqual(['【店铺名】', '【客服签名】']);
    expect(q('[data-testid="reply"]')[0]!.textContent).toContain(
      '发送前请补全标记的内容：【店铺名】、【客服签名】',
    );
    // the second reply has nothing missing: no mark
    expect(q('[data-testid="reply"]')[1]!.querySelector('mark')).toBeNull();
    // nothing missing → a 【…】 that is part of the text is not highlighted
    expect(splitPlaceholders('【急】请尽快处理', []).filter((p) => p.missing)).toEqual([]);
  });

  it('copy writes the reply text to the clipboard and confirms', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<ReplyList replies={outOfStockCase().guidance.replies} />, root);
    expect(q('[data-testid="copied"]')).toHaveLength(0);
    const buttons = q('button[data-testid="copy-reply"]') as HTMLButtonElement[];
    expect(buttons).toHaveLength(2);
    await act(async () => {
      buttons[0]!.click();
    });
    await flush();
    expect(writeText).toHaveBeenCalledWith(
      '亲，非常抱歉，【店铺名】的订单4000000000001暂时缺货，已为您办理退款。【客服签名】',
    );
    expect(q('[data-testid="copied"]')).toHaveLength(1);
    expect(q('[data-testid="reply"]')[0]!.querySelector('[data-testid="copied"]')).not.toBeNull();
  });

  it('a failed copy shows no confirmation', async () => {
    const copy = vi.fn(async () => {
      throw new Error('denied');
    });
    render(<ReplyList replies={outOfStockCase().guidance.replies} copy={copy} />, root);
    await act(async () => {
      (q('button[data-testid="copy-reply"]')[0] as HTMLButtonElement).click();
    });
    await flush();
    expect(copy).toHaveBeenCalled();
    expect(q('[data-testid="copied"]')).toHaveLength(0);
  });
});

describe('hostile scraped text', () => {
  it('is rendered as text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const c = view(read({ refundId: '3', reason: evil }), guidance());
    render(<CaseCard c={c} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    expect(root.querySelector('img')).toBeNull();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toContain(evil);
  });
});

describe('very long scraped values', () => {
  it('are cut for display', () => {
    const long = '缺'.repeat(5000);
    const c = view(read({ refundId: '4', reason: long }), guidance());
    render(<CaseCard c={c} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const text = q('[data-testid="verdict"]')[0]!.textContent;
    expect(text.length).toBeLessThan(200);
    expect(text).toContain('缺'.repeat(79) + '…');
  });
});

function queueCases(): CaseView[] {
  return [
    view(
      read({ refundId: '11' }, 0),
      guidance({ deadlines: [deadline('seller-response', '2026-11-22T10:00:00+08:00')] }),
    ),
    view(read({ refundId: '12' }, 1), guidance()),
    view(
      read({ refundId: '13' }, 2),
      guidance({ deadlines: [deadline('seller-response', '2026-11-20T09:00:00+08:00')] }),
    ),
    view(
      read({ refundId: '14' }, 3),
      guidance({
        deadlines: [
          deadline('seller-response', '2026-11-20T11:00:00+08:00'),
          deadline('auto-confirm-receipt', '2026-11-19T11:00:00+08:00', { actor: 'buyer' }),
        ],
      }),
    ),
  ];
}

describe('queue', () => {
  it('in the worker’s queue order: open deadlines first (nearest first), then 已超时, no deadline last; a click selects', async () => {
    const onSelect = vi.fn();
    const ordered = queueOrder(
      queueCases().map((v) => summarizeCase(v, NOW)),
      (c) => c.deadlines,
      NOW,
    );
    render(
      <Queue cases={ordered} nowMs={NOW} thresholdsHours={[4, 1]} selected={null} onSelect={onSelect} />,
      root,
    );
    expect(q('[data-testid="queue"]')).toHaveLength(1);
    const items = q('[data-testid="queue-item"]') as HTMLButtonElement[];
    // 14's seller deadline at 11:00 is open (its buyer deadline, past, is no headline); 13 has nothing open
    expect(items.map((i) => i.getAttribute('data-case'))).toEqual([
      'tmall:refund:14',
      'tmall:refund:11',
      'tmall:refund:13',
      'tmall:refund:12',
    ]);
    expect(q('[data-testid="queue-open"]')[0]!.textContent).toBe('即将到期（2）');
    expect(q('[data-testid="queue-overdue"]')[0]!.textContent).toBe('已超时（1）');
    expect(q('[data-testid="queue-none"]')[0]!.textContent).toBe('无时限（1）');
    expect(items[2]!.querySelector('[data-testid="countdown"]')!.textContent).toBe('已超时 1时00分');
    items[1]!.click();
    expect(onSelect).toHaveBeenCalledWith('tmall:refund:11');
  });
});

function fakeApi(tabCases: CaseView[], queue: CaseView[], focused: string | null = null) {
  const listeners: Array<() => void> = [];
  const api: PanelApi & {
    fire(): void;
    state: { tab: CaseView[]; focused: string | null; seq?: number; unreadable?: PageUnreadable };
  } = {
    state: { tab: tabCases, focused },
    getTabCases: vi.fn(async () => ({
      tabId: 7,
      url: 'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
      // the worker's order (queueOrder), which the panel shows as it comes
      cases: queueOrder(
        api.state.tab.map((v) => summarizeCase(v, NOW)),
        (c) => c.deadlines,
        NOW,
      ),
      ...(api.state.unreadable ? { unreadable: api.state.unreadable } : {}),
    })),
    getQueue: vi.fn(async () => ({
      cases: queueOrder(
        queue.map((v) => summarizeCase(v, NOW)),
        (c) => c.deadlines,
        NOW,
      ),
    })),
    getCase: vi.fn(async (key: string) => ({
      case: [...api.state.tab, ...queue].find((c) => c.key === key) ?? null,
    })),
    getFocusedCase: vi.fn(async () => ({ key: api.state.focused, seq: api.state.seq ?? 0 })),
    getSettings: vi.fn(async () => ({ warningThresholdsHours: [4, 1], locale: 'zh-CN' as const })),
    focusCase: vi.fn(async () => {}),
    answerPlatform: vi.fn(async () => {}),
    onChange: (cb) => {
      listeners.push(cb);
      return () => listeners.splice(listeners.indexOf(cb), 1);
    },
    now: () => NOW,
    fire: () => listeners.forEach((l) => l()),
  };
  return api;
}

describe('side panel app', () => {
  it('shows the tab cases, the focused case opened, and the queue', async () => {
    const cases = [outOfStockCase(), ...queueCases()];
    const api = fakeApi(cases, cases, 'tmall:refund:11');
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="case"]')).toHaveLength(5);
    expect(q('[data-testid="case-detail"]').map((e) => e.getAttribute('data-case'))).toEqual([
      'tmall:refund:11',
    ]);
    // every case is this tab's: the other tabs' queue has none (no case listed twice)
    expect(q('[data-testid="queue-item"]')).toHaveLength(0);
    expect(q('[data-testid="queue"]')[0]!.textContent).toContain('其他后台页面没有待办案件');
  });

  it('a badge click’s case is scrolled into view and marked 已定位 while open; the agent’s own clicks do not scroll', async () => {
    const cases = [outOfStockCase(), ...queueCases()];
    const api = fakeApi(cases, cases);
    const scrolled: string[] = [];
    vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this.getAttribute('data-case') ?? '?');
    });
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(scrolled).toEqual([]);
    api.state.focused = 'tmall:refund:13';
    await act(async () => api.fire());
    await flush();
    expect(scrolled).toEqual(['tmall:refund:13']);
    const block = () => root.querySelector('[data-testid="case"][data-case="tmall:refund:13"]')!;
    expect(block().classList.contains('revealed')).toBe(true);
    expect(block().getAttribute('aria-current')).toBe('true');
    expect(block().querySelector('[data-testid="located"]')!.textContent).toBe('已定位');
    expect(q('[data-testid="located"]')).toHaveLength(1);
    expect(q('[data-testid="case-detail"]').map((e) => e.getAttribute('data-case'))).toEqual([
      'tmall:refund:13',
    ]);
    // a refresh with the same focus does not scroll again; the mark stays
    await act(async () => api.fire());
    await flush();
    expect(scrolled).toEqual(['tmall:refund:13']);
    expect(block().classList.contains('revealed')).toBe(true);
    // the same badge clicked again (a new request): scrolled to again
    api.state.seq = 1;
    await act(async () => api.fire());
    await flush();
    expect(scrolled).toEqual(['tmall:refund:13', 'tmall:refund:13']);
    // the agent opens another case: no mark left, no scroll
    await act(async () =>
      (
        root.querySelector(
          '[data-testid="case"][data-case="tmall:refund:11"] .case-head',
        ) as HTMLButtonElement
      ).click(),
    );
    await flush();
    expect(q('[data-testid="located"]')).toHaveLength(0);
    expect(block().classList.contains('revealed')).toBe(false);
    expect(scrolled).toHaveLength(2);
  });

  it('opens the most urgent case when nothing is focused, and refreshes on casesChanged', async () => {
    const api = fakeApi([outOfStockCase()], [outOfStockCase()]);
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toContain('150.00');
    api.state.tab = queueCases();
    await act(async () => api.fire());
    await flush();
    expect(q('[data-testid="case"]')).toHaveLength(4);
    // the first of the worker's order: 14, whose deadline at 11:00 is the nearest still open
    expect(q('[data-testid="case-detail"]').map((e) => e.getAttribute('data-case'))).toEqual([
      'tmall:refund:14',
    ]);
    expect(api.getTabCases).toHaveBeenCalledTimes(2);
    expect(api.getSettings).toHaveBeenCalledTimes(1); // not asked again on every change
  });

  it('follows the locale setting (English second)', async () => {
    const api = fakeApi([outOfStockCase()], [outOfStockCase()]);
    api.getSettings = vi.fn(async () => ({ warningThresholdsHours: [4, 1], locale: 'en' as const }));
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toBe(
      "The buyer's reason “卖家缺货” triggers compensation: the platform pays the buyer 150.00 yuan (charged to the shop).",
    );
    expect(root.querySelector('h1')!.textContent).toBe('Aftersale Sentinel');
  });

  it('a queue click focuses that case: shown below this tab’s own cases, marked as another tab’s', async () => {
    const cases = queueCases();
    const api = fakeApi([outOfStockCase()], [outOfStockCase(), ...cases]);
    await act(() => render(<App api={api} />, root));
    await flush();
    await act(async () => {
      (
        q('[data-testid="queue-item"]').find(
          (e) => e.getAttribute('data-case') === 'tmall:refund:12',
        ) as HTMLButtonElement
      ).click();
    });
    await flush();
    expect(api.focusCase).toHaveBeenCalledWith('tmall:refund:12');
    expect(q('[data-testid="case-detail"]').map((e) => e.getAttribute('data-case'))).toEqual([
      'tmall:refund:12',
    ]);
    const blocks = q('[data-testid="case"]').map((e) => e.getAttribute('data-case'));
    expect(blocks).toEqual([outOfStockCase().key, 'tmall:refund:12']);
    expect(q('[data-testid="case"]')[1]!.querySelector('[data-testid="other-tab"]')!.textContent).toBe(
      '来自其他标签页',
    );
  });

  it('lists every case from summaries and fetches only the expanded one in full, once per refresh', async () => {
    const cases = [outOfStockCase(), ...queueCases()];
    const api = fakeApi(cases, cases, 'tmall:refund:11');
    await act(() => render(<App api={api} />, root));
    await flush();
    // the heads come from the summaries (ids, most urgent countdown, 08:55 before 09:00), the queue too
    const heads = q('[data-testid="case"]');
    // the worker's order: open headlines (14 at 11:00, the out-of-stock case's ship-by at 12:30 —
    // its 08:55 reply deadline is past —, 11), then 13 with nothing open, then 12 without deadlines
    expect(heads.map((e) => e.getAttribute('data-case'))).toEqual([
      'tmall:refund:14',
      outOfStockCase().key,
      'tmall:refund:11',
      'tmall:refund:13',
      'tmall:refund:12',
    ]);
    expect(heads[3]!.querySelector('.case-id')!.textContent).toBe('13');
    expect(heads[3]!.querySelector('[data-testid="countdown"]')!.textContent).toBe('已超时 1时00分');
    expect(q('[data-testid="queue-item"]')).toHaveLength(0);
    expect(vi.mocked(api.getCase).mock.calls.map((c) => c[0])).toEqual(['tmall:refund:11']);
    await act(async () => api.fire());
    await flush();
    expect(api.getTabCases).toHaveBeenCalledTimes(2);
    expect(vi.mocked(api.getCase).mock.calls.map((c) => c[0])).toEqual([
      'tmall:refund:11',
      'tmall:refund:11',
    ]);
    expect(q('[data-testid="case-detail"]').map((e) => e.getAttribute('data-case'))).toEqual([
      'tmall:refund:11',
    ]);
  });

  it('expanding another case fetches its full view and shows its verdict; a refresh shows the new verdict', async () => {
    const cases = [...queueCases(), outOfStockCase()];
    const api = fakeApi(cases, cases, 'tmall:refund:11');
    await act(() => render(<App api={api} />, root));
    await flush();
    const head = (key: string) =>
      root.querySelector(`[data-testid="case"][data-case="${key}"] .case-head`) as HTMLButtonElement;
    await act(async () => head(outOfStockCase().key).click());
    await flush();
    expect(api.getCase).toHaveBeenLastCalledWith(outOfStockCase().key, 7);
    expect(q('[data-testid="case-detail"]').map((e) => e.getAttribute('data-case'))).toEqual([
      outOfStockCase().key,
    ]);
    expect(q('[data-testid="verdict"]')[0]!.textContent).toContain('150.00');
    // the page changes the reason: the lists and the open case are asked again
    const changed = outOfStockCase();
    changed.read = { ...changed.read, facts: { ...changed.read.facts, reason: '拍错了' } };
    changed.guidance = guidance();
    api.state.tab = [...queueCases(), changed];
    await act(async () => api.fire());
    await flush();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toBe('买家选择的原因“拍错了”不会触发赔付。');
    // collapsing it fetches nothing more
    const calls = vi.mocked(api.getCase).mock.calls.length;
    await act(async () => head(outOfStockCase().key).click());
    await flush();
    expect(q('[data-testid="case-detail"]')).toHaveLength(0);
    expect(vi.mocked(api.getCase).mock.calls.length).toBe(calls);
  });

  it("a refresh shows the open case's new verdict without waiting for the queue", async () => {
    const api = fakeApi([outOfStockCase()], [outOfStockCase()]);
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toContain('150.00');
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const queueOf = api.getQueue;
    api.getQueue = vi.fn(async () => {
      await slow; // a 1,000-case queue on its way
      return queueOf();
    });
    const changed = outOfStockCase();
    changed.read = { ...changed.read, facts: { ...changed.read.facts, reason: '拍错了' } };
    changed.guidance = guidance();
    api.state.tab = [changed];
    await act(async () => api.fire());
    await flush();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toBe('买家选择的原因“拍错了”不会触发赔付。');
    release();
    await flush();
    expect(q('[data-testid="verdict"]')[0]!.textContent).toBe('买家选择的原因“拍错了”不会触发赔付。');
    expect(q('[data-testid="queue"]')).toHaveLength(1);
  });
});

describe('the platform question (a workbench page that does not say 天猫 or 淘宝)', () => {
  const waiting = (): PageUnreadable => ({ tried: ['refund-list'], fields: ['platform'], waiting: 3 });

  it('asks once with the number of waiting cases; an answer is sent, the buttons lock, and the question goes when the page no longer waits', async () => {
    const api = fakeApi([], []);
    api.state.unreadable = waiting();
    api.getSettings = vi.fn(async () => ({
      warningThresholdsHours: [4, 1] as [number, number],
      locale: 'zh-CN' as const,
      shopPolicy: { shopName: '小鹿旗舰店' },
    }));
    await act(() => render(<App api={api} />, root));
    await flush();
    const question = q('[data-testid="platform-question"]');
    expect(question).toHaveLength(1);
    expect(question[0]!.textContent).toContain('“小鹿旗舰店”是天猫店还是淘宝店？');
    expect(question[0]!.textContent).toContain('3 个案件在你回答之前暂不判断');
    // no "no case on this page" beside it: the cases are there, waiting
    expect(root.textContent).not.toContain('此页面没有读取到售后案件');
    const tmall = q('[data-testid="platform-answer-tmall"]')[0] as HTMLButtonElement;
    await act(async () => tmall.click());
    await flush();
    expect(api.answerPlatform).toHaveBeenCalledTimes(1);
    expect(api.answerPlatform).toHaveBeenCalledWith('tmall');
    expect((q('[data-testid="platform-answer-taobao"]')[0] as HTMLButtonElement).disabled).toBe(true);
    expect(q('[data-testid="platform-question"]')[0]!.textContent).toContain('已记住：天猫');
    // The page read again with the answer: cases, no question.
    api.state.unreadable = undefined;
    api.state.tab = [outOfStockCase()];
    await act(async () => api.fire());
    await flush();
    expect(q('[data-testid="platform-question"]')).toHaveLength(0);
    expect(q('[data-testid="case"]')).toHaveLength(1);
  });

  it('a failed save unlocks the buttons and says why', async () => {
    const api = fakeApi([], []);
    api.state.unreadable = waiting();
    api.answerPlatform = vi.fn(async () => {
      throw new Error('saveSettings: storage full');
    });
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="platform-question"]')[0]!.textContent).toContain('本店是天猫店还是淘宝店？');
    await act(async () => (q('[data-testid="platform-answer-taobao"]')[0] as HTMLButtonElement).click());
    await flush();
    expect((q('[data-testid="platform-answer-taobao"]')[0] as HTMLButtonElement).disabled).toBe(false);
    expect(q('[role="alert"]')[0]!.textContent).toContain('storage full');
  });

  it('a page with other unreadable fields says which, instead of "no case"', async () => {
    const api = fakeApi([], []);
    api.state.unreadable = { tried: ['refund-detail'], fields: ['refundId', 'paidAmount'] };
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="platform-question"]')).toHaveLength(0);
    expect(q('[data-testid="page-unreadable"]')[0]!.textContent).toBe(
      '无法读取：退款编号、实付金额（请在页面上自行核对）',
    );
    expect(root.textContent).not.toContain('此页面没有读取到售后案件');
  });
});

describe('the "why" in the agent’s words', () => {
  it('a seed source by its title (file name on hover), times as wall time, keys and categories by name', () => {
    const base = outOfStockCase();
    const c = {
      ...base,
      guidance: {
        ...base.guidance,
        explanation: [
          {
            verdict: 'compensation',
            ruleId: 'comp-cap',
            reason: { zh: '24小时内赔付上限', en: 'cap' },
            citation: {
              source: '003_8e684185fd0e0614.txt',
              passage: '延迟发货',
              authority: 'platform' as const,
            },
            facts: {
              ledgerSumWindow: '120.00',
              now: '2026-12-04T09:09:30+08:00',
              category: 'out-of-stock',
              computed: false,
            },
          },
        ],
      },
    };
    render(<CaseCard c={c} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const why = q('[data-testid="why"]')[0]!;
    const text = why.textContent;
    expect(text).toContain('天猫投诉处理（2019年延迟发货新规）、扣分与补偿方案');
    expect(text).not.toContain('003_8e684185fd0e0614.txt');
    expect(why.querySelector('.source')!.getAttribute('title')).toBe('003_8e684185fd0e0614.txt');
    expect(text).toContain('时段内已赔付：120.00');
    expect(text).toContain('判定时间：2026-12-04 09:09');
    expect(text).toContain('原因归类：缺货');
    expect(text).toContain('按规则推算：否');
    expect(text).not.toMatch(/ledgerSumWindow|T09:09|out-of-stock/);
  });
});

describe('first run', () => {
  it('with no shop name and no signature, one line says where to set them and opens the options; once set, it goes', async () => {
    const api = fakeApi([outOfStockCase()], []);
    api.openOptions = vi.fn();
    await act(() => render(<App api={api} />, root));
    await flush();
    const line = q('[data-testid="first-run"]');
    expect(line).toHaveLength(1);
    expect(line[0]!.textContent).toContain('店铺名称和客服签名');
    await act(async () => (line[0]!.querySelector('button') as HTMLButtonElement).click());
    expect(api.openOptions).toHaveBeenCalledTimes(1);
    render(null, root);
    api.getSettings = vi.fn(async () => ({
      warningThresholdsHours: [4, 1] as [number, number],
      locale: 'zh-CN' as const,
      shopPolicy: { shopName: '小鹿旗舰店', signature: '' },
    }));
    await act(() => render(<App api={api} />, root));
    await flush();
    expect(q('[data-testid="first-run"]')).toHaveLength(0);
  });
});

describe('claims, action groups and notes reach the agent', () => {
  it('a compensation that rests on a claim reads "if confirmed" and says what to verify; actions come in groups; notes are listed with their source', () => {
    const base = outOfStockCase();
    const c = {
      ...base,
      guidance: {
        ...base.guidance,
        compensation: {
          ...base.guidance.compensation,
          confirm: {
            zh: '商品是否确为假货（以鉴定或平台判定为准）',
            en: 'whether the item is really counterfeit',
          },
        },
        actions: [
          { id: 'a1', ruleId: 'r1', text: { zh: '先核实', en: 'verify' }, group: 'first' as const },
          { id: 'a2', ruleId: 'r2', text: { zh: '再联系买家', en: 'contact' } },
          { id: 'l1', ruleId: 'r3', text: { zh: '换货', en: 'exchange' }, group: 'ladder' as const },
          { id: 'm1', ruleId: 'r4', text: { zh: '登记备注', en: 'memo' }, group: 'more' as const },
        ],
        notes: [
          {
            ruleId: 'n1',
            text: { zh: '举证期内上传凭证', en: 'upload evidence' },
            citation: { source: '001_728823fed7ede9df.txt', passage: '举证', authority: 'platform' as const },
          },
        ],
      },
    };
    render(<CaseCard c={c} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    expect(
      q('[data-testid="verdict"]')[0]!.textContent.startsWith(
        '若核实属实，买家选择的原因“卖家缺货”会触发赔付',
      ),
    ).toBe(true);
    expect(q('[data-testid="verdict-confirm"]')[0]!.textContent).toBe(
      '须先核实：商品是否确为假货（以鉴定或平台判定为准）。核实之前，不要按属实答复买家。',
    );
    expect(
      q('[data-testid="action"]').map((e) => `${e.getAttribute('data-group')}:${e.textContent}`),
    ).toEqual(['first:先核实', 'first:再联系买家', 'ladder:换货', 'more:登记备注']);
    expect(root.querySelector('.actions-more summary')!.textContent).toBe('更多建议（1 条）');
    const note = q('[data-testid="note"]')[0]!;
    expect(note.textContent).toContain('举证期内上传凭证');
    expect(note.textContent).toContain('淘宝投诉流程、自动确认时限与客服考核');
  });
});
