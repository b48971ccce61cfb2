import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { Clock, NOW, freshProfile, sentinel, tab } from '../background/helpers';
import { SettleLine, parseAmount, type SettleApi } from '../../../components/settle-line';
import { CaseCard } from '../../../components/case-card';
import type { PanelRead } from '../../../core/model/facts';
import { until } from '../../helpers/until';

let root: HTMLElement;
beforeEach(() => {
  freshProfile();
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
afterEach(() => render(null, root));

const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
/** S1's complaint: 未按约定时间发货 on a 100-yuan Taobao order. */
const complaint: PanelRead = {
  kind: 'complaint',
  adapter: 'complaint-list',
  platform: 'taobao',
  index: 0,
  unreadable: [],
  facts: {
    orderId: '2871609934211100',
    buyer: '阿福_2014',
    complaintType: '未按约定时间发货',
    paidAmount: 100,
    paidAt: '2026-11-16T09:30:00+08:00',
    complaintFiledAt: '2026-11-20T09:00:00+08:00',
    tradeStatus: '交易关闭',
  },
};

async function open() {
  const s = sentinel(new Clock(NOW));
  const { cases } = await s.handlers.reportPage(
    { url: 'https://rights.taobao.com/complaint/sellerList.htm', cases: [complaint] },
    tab(4),
  );
  const api: SettleApi = {
    recordSettlement: (key, tabId, amount) =>
      s.handlers.recordSettlement(tabId === undefined ? { key, amount } : { key, tabId, amount }),
    deleteLedgerEntry: (seq) => s.handlers.deleteLedgerEntry({ seq }),
    getLedger: (caseKey) => s.handlers.getLedger({ caseKey }),
  };
  return { s, api, view: cases[0]! };
}

describe('同意赔付, recorded from the side panel (issue 13 item 7)', () => {
  it('amounts as typed: yuan with at most two decimals, more than zero', () => {
    expect(['150', '150.5', '¥150.50', '30元', ' 20 '].map(parseAmount)).toEqual([150, 150.5, 150.5, 30, 20]);
    expect(['', '0', '-5', '1.234', 'abc', '1e3'].map(parseAmount)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('one click, a confirm step, then recorded; undo removes it from the ledger', async () => {
    const { s, api, view } = await open();
    render(<CaseCard c={view} nowMs={NOW} thresholdsHours={[4, 1]} settle={api} tabId={4} />, root);
    // Taobao gives no amount: the agent types the amount pressed on the platform
    const input = (await until(() => $('settle-amount'))) as HTMLInputElement;
    expect(input.value).toBe('');
    expect(($('settle-record') as HTMLButtonElement).disabled).toBe(true);
    input.value = '30';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => (($('settle-record') as HTMLButtonElement).disabled ? null : true));
    $('settle-record')!.click();
    const confirm = await until(() => $('settle-confirm'));
    expect(confirm.textContent).toContain('¥30.00');
    expect(await (await s.store()).listLedger()).toEqual([]);
    $('settle-yes')!.click();
    const recorded = await until(() => $('settle-recorded'));
    expect(recorded.textContent).toContain('¥30.00');
    const ledger = await (await s.store()).listLedger();
    expect(ledger).toMatchObject([
      {
        kind: 'proactive-settlement',
        amount: 30,
        caseKey: view.key,
        reason: '未按约定时间发货',
        orderPaidAt: '2026-11-16T09:30:00+08:00',
      },
    ]);
    // a fresh panel shows it as recorded (no second entry possible from here)
    render(null, root);
    render(<SettleLine caseKey={view.key} amount={null} api={api} />, root);
    await until(() => $('settle-recorded'));
    $('settle-undo')!.click();
    await until(() => $('settle-amount'));
    expect(await (await s.store()).listLedger()).toEqual([]);
  });

  it('cancel records nothing; a refund case shows no 同意赔付 line', async () => {
    const { s, api, view } = await open();
    render(<SettleLine caseKey={view.key} amount="30.00" api={api} />, root);
    (await until(() => $('settle-record'))).click();
    (await until(() => $('settle-no'))).click();
    await until(() => $('settle-amount'));
    expect(await (await s.store()).listLedger()).toEqual([]);
    render(null, root);
    const refund = { ...view, read: { ...view.read, kind: 'refund' as const } };
    render(<CaseCard c={refund} nowMs={NOW} thresholdsHours={[4, 1]} settle={api} />, root);
    expect($('settle')).toBeNull();
  });
});
