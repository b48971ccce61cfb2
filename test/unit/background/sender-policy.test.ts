import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  Clock,
  NOW,
  URL_DETAIL,
  URL_LIST,
  extensionOrigin,
  freshProfile,
  sendAs,
  senders,
  sentinel,
  tmallRefund,
} from './helpers';
import { registerWorker } from '../../../entrypoints/background/register';
import { PAYLOAD_SCHEMAS } from '../../../protocol/schemas';
import {
  SENDER_POLICY,
  assertSenderAllowed,
  classifySender,
  reportedPageUrl,
  type SenderContext,
} from '../../../protocol/sender-policy';
import { reportUrl } from '../../../entrypoints/seller.content/reporter';
import { defaultPack } from '../../../core';

let off: (() => void) | undefined;
beforeEach(freshProfile);
afterEach(() => {
  off?.();
  off = undefined;
});

const self = () => ({ origin: extensionOrigin(), id: fakeBrowser.runtime.id });

/** One valid payload per message the worker answers. */
const SAMPLE: Record<
  Exclude<keyof typeof SENDER_POLICY, 'casesChanged' | 'settingsChanged' | 'showCue' | 'offscreenCopy'>,
  unknown
> = {
  reportPage: { url: URL_DETAIL, cases: [tmallRefund()] },
  getTabCases: { tabId: 7 },
  getQueue: undefined,
  getTabSummaries: {},
  getQueueSummaries: undefined,
  getCase: { key: 'tmall:refund:202611200001' },
  focusCase: { key: 'tmall:refund:202611200001' },
  getFocusedCase: undefined,
  getSettings: undefined,
  saveSettings: { locale: 'en' },
  getPackInfo: undefined,
  importPack: { json: '{"not":"a pack"}' },
  decidePack: { token: '0'.repeat(64), accept: false },
  exportPack: undefined,
  resetPack: undefined,
  recordSettlement: { key: 'taobao:complaint:2871609934211100', amount: 30 },
  deleteLedgerEntry: { seq: 1 },
  getLedger: {},
  refreshTeamPack: undefined,
};

/** The senders of each context the rows are tried from. */
const FROM: Array<[SenderContext | 'unknown', string, () => object]> = [
  ['extension-page', 'the docked side panel', senders.sidePanel],
  ['extension-page', 'the side panel opened as a tab', senders.sidePanelTab],
  ['extension-page', 'the options page', senders.options],
  ['content-script', 'a back-office content script', () => senders.contentScript()],
  ['unknown', 'an empty sender', senders.none],
  ['unknown', 'a tab without a url', () => ({ id: fakeBrowser.runtime.id, tab: { id: 7 } })],
  [
    'unknown',
    'an http page',
    () => senders.contentScript('http://refund2.tmall.com/dispute/sellerDisputeList.htm'),
  ],
  [
    'unknown',
    'another extension',
    () => ({
      id: 'abcdefghijklmnopabcdefghijklmnop',
      url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.html',
    }),
  ],
];

describe('classifySender', () => {
  it('tells extension pages, content scripts and unknown senders apart', () => {
    for (const [kind, name, make] of FROM) expect(classifySender(make(), self()), name).toBe(kind);
    expect(classifySender(undefined, self())).toBe('unknown');
  });

  it('an extension origin that only starts like ours, or a sender id not ours, is unknown', () => {
    const origin = extensionOrigin(); // chrome-extension://<id>/
    const longer = `${origin.slice(0, -1)}x/sidepanel.html`;
    expect(classifySender({ url: longer }, self())).toBe('unknown');
    expect(classifySender({ id: 'someone-else', url: `${origin}sidepanel.html` }, self())).toBe('unknown');
    // a misconfigured origin (no trailing slash) never classifies anything as ours
    expect(
      classifySender({ url: `${origin}x.html` }, { origin: origin.slice(0, -1), id: fakeBrowser.runtime.id }),
    ).toBe('unknown');
  });

  it('every message of the table is checked; an unknown message type is refused', () => {
    expect(Object.keys(SENDER_POLICY).sort()).toEqual([...Object.keys(PAYLOAD_SCHEMAS)].sort());
    expect(() => assertSenderAllowed('toString', senders.sidePanel(), self())).toThrow(
      /toString: refused from an extension page/,
    );
    expect(() => assertSenderAllowed('casesChanged', senders.contentScript(), self())).toThrow(
      /casesChanged: refused from a content script/,
    );
    expect(() => assertSenderAllowed('settingsChanged', senders.sidePanel(), self())).toThrow(
      /settingsChanged: refused from an extension page/,
    );
    expect(() => assertSenderAllowed('showCue', senders.contentScript(), self())).toThrow(
      /showCue: refused from a content script/,
    );
    expect(() => assertSenderAllowed('offscreenCopy', senders.options(), self())).toThrow(
      /offscreenCopy: refused from an extension page/,
    );
  });
});

describe('the sender policy at the worker’s door, one row per message', () => {
  const rows = Object.entries(SAMPLE) as Array<[keyof typeof SAMPLE, unknown]>;
  it.each(rows)(
    '%s: answered from its contexts only, refused from the others before the handler runs',
    async (type, data) => {
      const s = sentinel(new Clock(NOW));
      off = registerWorker(s);
      const allowed = SENDER_POLICY[type];
      const spy = vi.spyOn(s.handlers, type);
      for (const [kind, name, make] of FROM) {
        spy.mockClear();
        const outcome = await sendAs(make(), type, data).then(
          () => 'answered',
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        );
        if (kind !== 'unknown' && allowed.includes(kind)) {
          // (recordSettlement gets through the door and its handler runs: no such case is open here)
          expect(outcome, `${type} from ${name}`).toBe(
            type === 'recordSettlement'
              ? 'recordSettlement: the case is no longer open in a back-office tab'
              : 'answered',
          );
          expect(spy, `${type} from ${name}`).toHaveBeenCalledTimes(1);
        } else {
          const context =
            kind === 'unknown'
              ? 'an unknown sender'
              : kind === 'content-script'
                ? 'a content script'
                : 'an extension page';
          expect(outcome, `${type} from ${name}`).toBe(`${type}: refused from ${context}`);
          expect(spy, `${type} from ${name}`).not.toHaveBeenCalled();
        }
      }
    },
  );

  it('the table: a content script may only report its page, focus a case and read the settings', () => {
    const fromContent = Object.entries(SENDER_POLICY)
      .filter(([, contexts]) => contexts.includes('content-script'))
      .map(([type]) => type)
      .sort();
    expect(fromContent).toEqual(['focusCase', 'getSettings', 'reportPage']);
    expect(SENDER_POLICY.reportPage).toEqual(['content-script']);
    expect(SENDER_POLICY.casesChanged).toEqual([]);
  });

  it('casesChanged is not answered by the worker from anyone', async () => {
    off = registerWorker(sentinel(new Clock(NOW)));
    expect(await sendAs(senders.contentScript(), 'casesChanged', { tabId: 7 })).toBeUndefined();
    expect(await sendAs(senders.sidePanel(), 'casesChanged', { tabId: 7 })).toBeUndefined();
  });

  it('replaying the attack review from a content script changes and reveals nothing', async () => {
    const s = sentinel(new Clock(NOW));
    off = registerWorker(s);
    const other = senders.contentScript(URL_LIST, 3);
    await sendAs(other, 'reportPage', {
      url: URL_LIST,
      cases: [tmallRefund({ refundId: '900001', buyer: 'tb_其他买家' })],
    });
    const attacker = senders.contentScript();
    const pack = JSON.stringify({ ...defaultPack, id: 'phish' });
    const attempts: Array<[string, unknown]> = [
      ['getQueue', undefined],
      ['getQueueSummaries', undefined],
      ['getTabCases', { tabId: 3 }],
      ['getCase', { key: 'tmall:refund:900001', tabId: 3 }],
      ['importPack', { json: pack }],
      ['decidePack', { token: '0'.repeat(64), accept: true }],
      ['saveSettings', { teamPack: { url: 'https://evil.example/pack.json' } }],
      ['recordSettlement', { key: 'tmall:refund:900001', amount: 500 }],
      ['deleteLedgerEntry', { seq: 1 }],
      ['getLedger', {}],
      ['resetPack', undefined],
      ['exportPack', undefined],
      ['refreshTeamPack', undefined],
    ];
    for (const [type, data] of attempts)
      await expect(sendAs(attacker, type, data), type).rejects.toThrow(
        `${type}: refused from a content script`,
      );
    const panel = senders.sidePanel();
    expect(((await sendAs(panel, 'getPackInfo')) as { active: { id: string } }).active.id).toBe(
      defaultPack.id,
    );
    expect(((await sendAs(panel, 'getSettings')) as { teamPack: { url: string } }).teamPack.url).toBe('');
    expect(await (await s.store()).listLedger()).toHaveLength(0);
  });
});

describe('reportPage: the page is the sender’s own', () => {
  const tabCases = async (tabId: number) =>
    (await sendAs(senders.sidePanel(), 'getTabCases', { tabId })) as {
      url: string | null;
      cases: Array<{ url: string }>;
    };

  it('a payload url on another origin than sender.url is refused and nothing is stored', async () => {
    off = registerWorker(sentinel(new Clock(NOW)));
    const from = senders.contentScript(URL_DETAIL, 7);
    for (const url of [
      'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611200001',
      'https://rights.taobao.com/complaint/sellerList.htm',
      'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
    ]) {
      await expect(sendAs(from, 'reportPage', { url, cases: [tmallRefund()] }), url).rejects.toThrow(
        /^reportPage: refused — the payload url is not on the sender’s site$/,
      );
    }
    expect(await tabCases(7)).toMatchObject({ url: null, cases: [] });
  });

  it('the path and query come from the payload on the sender’s own site (an in-app route change leaves sender.url behind)', async () => {
    off = registerWorker(sentinel(new Clock(NOW)));
    const senderUrl = `${URL_DETAIL}&from=list#top`;
    await sendAs(senders.contentScript(senderUrl, 7), 'reportPage', {
      url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1',
      cases: [tmallRefund()],
    });
    const got = await tabCases(7);
    expect(got.url).toBe('https://refund2.tmall.com/dispute/detail.htm?disputeId=1');
    expect(got.cases.map((c) => c.url)).toEqual(['https://refund2.tmall.com/dispute/detail.htm?disputeId=1']);
  });

  it('an over-long sender url is bounded as the content script bounds it (query and hash dropped)', async () => {
    off = registerWorker(sentinel(new Clock(NOW)));
    const long = `${URL_DETAIL}&q=${'a'.repeat(3000)}`;
    const sent = reportUrl(long);
    expect(sent).toBe('https://refund2.tmall.com/dispute/detail.htm');
    await sendAs(senders.contentScript(long, 7), 'reportPage', { url: sent, cases: [tmallRefund()] });
    expect((await tabCases(7)).url).toBe(sent);
  });

  it('reportedPageUrl: the payload stands only without a sender url (in-process calls)', () => {
    expect(reportedPageUrl(URL_DETAIL, undefined)).toBe(URL_DETAIL);
    expect(reportedPageUrl(`${URL_DETAIL}#x`, URL_DETAIL)).toBe(`${URL_DETAIL}#x`);
    expect(() => reportedPageUrl(URL_DETAIL, 'not a url')).toThrow(/not on the sender’s site/);
    expect(() => reportedPageUrl('https://evil.taobao.com.example/x', URL_DETAIL)).toThrow(
      /not on the sender’s site/,
    );
  });
});
