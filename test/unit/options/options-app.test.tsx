import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Clock, NOW, freshProfile, sentinel } from '../background/helpers';
import { OptionsApp } from '../../../entrypoints/options/options-app';
import type { OptionsApi } from '../../../entrypoints/options/options-api';
import { defaultPack } from '../../../core';
import { until } from '../../helpers/until';

let root: HTMLElement;

const $ = (testid: string) => root.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const must = (testid: string) => {
  const el = $(testid);
  if (!el) throw new Error(`no [data-testid="${testid}"]`);
  return el;
};

function mount(confirmAnswer = true) {
  const s = sentinel(new Clock(NOW));
  const api: OptionsApi = {
    getSettings: () => s.handlers.getSettings(undefined),
    saveSettings: (p) => s.handlers.saveSettings(p),
    getPackInfo: () => s.handlers.getPackInfo(undefined),
    importPack: (json) => s.handlers.importPack({ json }),
    decidePack: (token, accept) => s.handlers.decidePack({ token, accept }),
    exportPack: () => s.handlers.exportPack(undefined),
    resetPack: () => s.handlers.resetPack(undefined),
    refreshTeamPack: () => s.handlers.refreshTeamPack(undefined),
    getLedger: () => s.handlers.getLedger({}),
    deleteLedgerEntry: (seq) => s.handlers.deleteLedgerEntry({ seq }),
    readManaged: () => fakeBrowser.storage.managed.get(null),
    requestOrigin: vi.fn(async () => true),
    download: vi.fn(),
    confirm: vi.fn(() => confirmAnswer),
  };
  render(<OptionsApp api={api} />, root);
  return { s, api };
}

function chooseFile(text: string, name = 'pack.json') {
  const input = must('pack-file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function type(testid: string, value: string) {
  const el = must(testid) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function submit() {
  await tick(); // let Preact re-render with the typed values
  must('settings-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

const teamPack = (version: string) =>
  JSON.stringify({ ...JSON.parse(JSON.stringify(defaultPack)), id: 'team-pack', version });

beforeEach(() => {
  freshProfile();
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
afterEach(() => render(null, root));

describe('options page: the compensation ledger (issue 13 item 7)', () => {
  it('lists the entries newest first with the buyer masked; exports them as CSV; a deleted entry is gone', async () => {
    const { s, api } = mount();
    await until(() => must('ledger-empty'));
    render(null, root);
    const store = await s.store();
    await store.addLedgerEntry({
      buyer: 'tb_小鹿2026',
      amount: 150,
      at: '2026-11-20T11:00:00+08:00',
      kind: 'platform-payout',
      orderId: '3921845507761234',
      reason: '卖家缺货',
      confirmedAt: '2026-11-20T11:00:00+08:00',
    });
    await store.addLedgerEntry({
      buyer: '阿福_2014',
      amount: 30,
      at: '2026-11-20T11:30:00+08:00',
      kind: 'proactive-settlement',
      orderId: '2871609934211100',
      reason: '未按约定时间发货',
      confirmedAt: '2026-11-20T11:30:00+08:00',
    });
    render(<OptionsApp api={api} />, root);
    const rows = await until(() => {
      const r = root.querySelectorAll('[data-testid="ledger-row"]');
      if (r.length !== 2) throw new Error('not yet');
      return r;
    });
    expect([...rows].map((r) => r.getAttribute('data-kind'))).toEqual([
      'proactive-settlement',
      'platform-payout',
    ]);
    expect([...rows].map((r) => r.querySelector('[data-testid="ledger-buyer"]')!.textContent)).toEqual([
      '阿***',
      't***',
    ]);
    expect(root.textContent).not.toContain('小鹿');
    expect(rows[1]!.querySelector('[data-testid="ledger-amount"]')!.textContent).toBe('150.00');
    must('ledger-export').click();
    const [name, csv, type] = (api.download as ReturnType<typeof vi.fn>).mock.calls[0]! as [
      string,
      string,
      string,
    ];
    expect(name).toMatch(/^aftersale-sentinel-compensation-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(type).toMatch(/^text\/csv/);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('平台赔付');
    expect(csv).toContain('150.00');
    expect(csv).not.toContain('小鹿');
    (rows[0]!.querySelector('[data-testid="ledger-delete"]') as HTMLElement).click();
    await until(() => expect(root.querySelectorAll('[data-testid="ledger-row"]').length).toBe(1));
    expect(api.confirm).toHaveBeenCalled();
    expect((await store.listLedger()).map((e) => e.kind)).toEqual(['platform-payout']);
  });
});

describe('options page: rule packs', () => {
  it('shows the active pack (id, version, rule count) and its rules with citations', async () => {
    mount();
    const active = await until(() => must('active-pack'));
    expect(active.textContent).toContain(defaultPack.id);
    expect(active.textContent).toContain(defaultPack.version);
    expect(must('pack-rule-count').textContent).toBe(String(defaultPack.rules.length));
    const rules = root.querySelectorAll('[data-testid="pack-rule"]');
    expect(rules.length).toBe(defaultPack.rules.length);
    // the source by its title, the file name behind it (hover)
    expect(rules[0]!.textContent).not.toContain(defaultPack.rules[0]!.citation.source);
    expect(rules[0]!.querySelector(`[title="${defaultPack.rules[0]!.citation.source}"]`)!.textContent).toBe(
      '天猫售后规则与退款原因培训',
    );
    expect(must('previous-pack').textContent).toBe('无');
  });

  it('a malformed pack file shows the error with its path and the old pack stays active', async () => {
    mount();
    await until(() => must('active-pack'));
    const bad = JSON.parse(teamPack('2')) as { rules: Array<Record<string, unknown>> };
    bad.rules[3]!.citation = { source: 'not-a-seed.txt', passage: 'x' };
    chooseFile(JSON.stringify(bad));
    const error = await until(() => must('pack-error'));
    expect(error.textContent).toMatch(/rules\[3\]\.citation\.source/);
    expect(must('active-pack').getAttribute('data-pack-id')).toBe(defaultPack.id);
  });

  /** A chosen file shows its preview; the agent clicks 启用此规则包. */
  async function confirmPending() {
    ((await until(() => must('pack-confirm'))) as HTMLButtonElement).click();
  }

  it('a good file shows what changes and becomes active only once confirmed; the old one is previous; reset brings the default back', async () => {
    mount();
    await until(() => must('active-pack'));
    chooseFile(teamPack('5'));
    const pending = await until(() => must('pack-pending'));
    expect(must('pending-pack').getAttribute('data-pack-id')).toBe('team-pack');
    expect(must('pack-changes').textContent).toBe('与当前规则包相比：新增 0 条、删除 0 条、修改 0 条规则');
    expect(must('pack-staged').textContent).toContain('确认后才会生效');
    expect(must('active-pack').getAttribute('data-pack-id')).toBe(defaultPack.id);
    void pending;
    await confirmPending();
    await until(() => expect(must('active-pack').getAttribute('data-pack-id')).toBe('team-pack'));
    expect($('pack-pending')).toBeNull();
    expect(must('pack-imported').textContent).toContain('team-pack');
    expect(must('previous-pack').getAttribute('data-pack-id')).toBe(defaultPack.id);

    (must('pack-reset') as HTMLButtonElement).click();
    await until(() => expect(must('active-pack').getAttribute('data-pack-id')).toBe(defaultPack.id));
    expect(must('previous-pack').getAttribute('data-pack-id')).toBe('team-pack');
  });

  it('reset asks first: declined, the imported pack stays active', async () => {
    const { api, s } = mount(false);
    await until(() => must('active-pack'));
    chooseFile(teamPack('7'));
    await confirmPending();
    await until(() => expect(must('active-pack').getAttribute('data-pack-id')).toBe('team-pack'));
    const reset = vi.spyOn(s.handlers, 'resetPack');
    (must('pack-reset') as HTMLButtonElement).click();
    // the answer is synchronous: a declined reset never reaches the worker
    expect(api.confirm).toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.confirm!).mock.calls[0]![0]).toContain('恢复默认规则包');
    expect(reset).not.toHaveBeenCalled();
    expect(must('active-pack').getAttribute('data-pack-id')).toBe('team-pack');
  });

  it('a pack from a newer minor version is imported and the ignored fields are listed', async () => {
    mount();
    await until(() => must('active-pack'));
    const p = JSON.parse(teamPack('6')) as Record<string, unknown>;
    p.schemaVersion = '1.4';
    p.futureSetting = true;
    chooseFile(JSON.stringify(p));
    const warnings = await until(() => must('pack-warnings'));
    expect(warnings.textContent).toContain('futureSetting');
    await confirmPending();
    await until(() => expect(must('active-pack').getAttribute('data-pack-version')).toBe('6'));
  });

  it('a phishing reply is flagged in the preview; the agent is asked again, and a refusal keeps the pack', async () => {
    const { api } = mount(false);
    await until(() => must('active-pack'));
    const p = JSON.parse(teamPack('8')) as { rules: Array<Record<string, unknown>> };
    p.rules.find((r) => r.type === 'reply')!.template = '亲，补偿已到账，请加微信 kefu8888 领取';
    chooseFile(JSON.stringify(p));
    const flags = await until(() => must('pack-flags'));
    expect(flags.textContent).toContain('加微信 kefu8888');
    expect(flags.querySelector('li')!.getAttribute('data-kind')).toBe('contact');
    await confirmPending();
    expect(vi.mocked(api.confirm!).mock.calls[0]![0]).toContain('1 条回复或步骤含链接或联系方式');
    await tick();
    expect(must('active-pack').getAttribute('data-pack-id')).toBe(defaultPack.id);
    (must('pack-discard') as HTMLButtonElement).click();
    await until(() => must('pack-discarded'));
    await until(() => expect($('pack-pending')).toBeNull());
    expect(must('active-pack').getAttribute('data-pack-id')).toBe(defaultPack.id);
  });

  it('export downloads the active pack as JSON', async () => {
    const { api } = mount();
    await until(() => must('active-pack'));
    (must('pack-export') as HTMLButtonElement).click();
    await until(() => expect(api.download).toHaveBeenCalled());
    const [name, text] = vi.mocked(api.download).mock.calls[0]!;
    expect(name).toBe(`${defaultPack.id}-${defaultPack.version}.json`);
    expect((JSON.parse(text) as { rules: unknown[] }).rules).toHaveLength(defaultPack.rules.length);
  });
});

describe('options page: settings', () => {
  it('saves shop policy and thresholds through the background', async () => {
    const { s } = mount();
    await until(() => must('settings-form'));
    type('setting-signature', '售后小林');
    type('setting-thresholds', '6，2');
    type('setting-shopPolicy.remedyLimits.smallCashMaxPercent', '8');
    await submit();
    await until(() => must('settings-saved'));
    const saved = await s.handlers.getSettings(undefined);
    expect(saved.shopPolicy.signature).toBe('售后小林');
    expect(saved.warningThresholdsHours).toEqual([6, 2]);
    expect(saved.shopPolicy.remedyLimits.smallCashMaxPercent).toBe(8);
  });

  it('the rule version per platform lists the pack profiles and is saved', async () => {
    const { s } = mount();
    const sel = await until(() => {
      const el = must('setting-ruleProfiles.tmall') as HTMLSelectElement;
      if (el.options.length < 2) throw new Error('profiles not loaded');
      return el;
    });
    expect([...sel.options].map((o) => o.value)).toEqual([
      '',
      ...defaultPack.profiles.filter((p) => p.platform === 'tmall').map((p) => p.id),
    ]);
    sel.value = 'tmall-legacy';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
    await submit();
    await until(() => must('settings-saved'));
    expect((await s.handlers.getSettings(undefined)).ruleProfiles).toEqual({
      tmall: 'tmall-legacy',
      taobao: '',
    });
  });

  it('an invalid value is shown with its path and nothing is saved', async () => {
    const { s } = mount();
    await until(() => must('settings-form'));
    type('setting-thresholds', '4, -1');
    await submit();
    const err = await until(() => must('settings-error'));
    // in the agent's words first, the technical path behind a disclosure
    expect(err.querySelector('p')!.textContent).toBe(
      '设置未保存：“截止提醒（截止前几小时，逗号分隔）”的值不正确，请检查后再保存。',
    );
    expect(err.querySelector('details code')!.textContent).toContain('warningThresholdsHours[1]');
    expect((await s.handlers.getSettings(undefined)).warningThresholdsHours).toEqual([4, 1]);
  });

  it('thresholds typed with their unit are understood: 6小时，2 → 6 h and 2 h', async () => {
    const { s } = mount();
    await until(() => must('settings-form'));
    type('setting-thresholds', '6小时，2');
    await submit();
    await until(() => must('settings-saved'));
    expect((await s.handlers.getSettings(undefined)).warningThresholdsHours).toEqual([6, 2]);
  });

  it('values set by enterprise policy are shown locked and cannot be edited', async () => {
    await fakeBrowser.storage.managed.set({
      shopPolicy: { signature: '总部签名' },
      platformProfile: 'tmall',
    });
    mount();
    const sig = (await until(() => must('setting-signature'))) as HTMLTextAreaElement;
    expect(sig.value).toBe('总部签名');
    expect(sig.disabled).toBe(true);
    expect((must('setting-platformProfile') as HTMLSelectElement).disabled).toBe(true);
    expect((must('setting-shopName') as HTMLInputElement).disabled).toBe(false);
    const locks = [...root.querySelectorAll('[data-testid="locked"]')].map((e) =>
      e.getAttribute('data-path'),
    );
    expect(locks.sort()).toEqual(['platformProfile', 'shopPolicy.signature']);
    expect($('managed-note')).not.toBeNull();
  });

  it('a new team pack URL asks for that site permission before saving', async () => {
    const { api, s } = mount();
    await until(() => must('setting-teamUrl'));
    type('setting-teamUrl', 'https://packs.example.com/team.json');
    await submit();
    await until(() => must('settings-saved'));
    expect(api.requestOrigin).toHaveBeenCalledWith('https://packs.example.com/team.json');
    expect((await s.handlers.getSettings(undefined)).teamPack.url).toBe(
      'https://packs.example.com/team.json',
    );
    await until(() => must('team-status'));
  });

  it('switching the language to English re-renders the page in English', async () => {
    mount();
    await until(() => must('setting-locale'));
    const sel = must('setting-locale') as HTMLSelectElement;
    sel.value = 'en';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
    await submit();
    await until(() => expect(root.querySelector('h1')?.textContent).toBe('Aftersale Sentinel · Settings'));
  });
});
