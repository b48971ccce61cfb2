import { render } from 'preact';
import { browser } from '#imports';
import { onMessage, sendMessage } from '../../protocol/messaging';
import { answerPlatformPatch } from '../../core/model/platform-answer';
import { App, type PanelApi } from './app';
import './style.css';

/**
 * The docked panel asks for the active tab's cases. Opened as its own tab
 * (chrome-extension://…/sidepanel.html), the background would answer for this very tab, so
 * ask for the back-office tab that reported most recently (newest `seenAt` in the queue).
 */
async function tabCases() {
  const first = await sendMessage('getTabSummaries', {});
  if (first.url !== null || first.cases.length > 0) return first;
  const here = await browser.tabs.getCurrent().catch(() => undefined);
  if (!here) return first;
  const { cases } = await sendMessage('getQueueSummaries');
  let latest: (typeof cases)[number] | null = null;
  for (const c of cases) if (c.tabId !== here.id && (!latest || c.seenAt > latest.seenAt)) latest = c;
  return latest ? sendMessage('getTabSummaries', { tabId: latest.tabId }) : first;
}

const api: PanelApi = {
  getTabCases: tabCases,
  getQueue: () => sendMessage('getQueueSummaries'),
  getCase: (key, tabId) => sendMessage('getCase', tabId === undefined ? { key } : { key, tabId }),
  getFocusedCase: () => sendMessage('getFocusedCase'),
  getSettings: () => sendMessage('getSettings'),
  focusCase: (key) => sendMessage('focusCase', { key }),
  openOptions: () => {
    browser.runtime
      .openOptionsPage()
      .catch((e: unknown) => console.warn('[sentinel] options page not opened', e));
  },
  ledger: {
    recordSettlement: (key, tabId, amount) =>
      sendMessage('recordSettlement', tabId === undefined ? { key, amount } : { key, tabId, amount }),
    deleteLedgerEntry: (seq) => sendMessage('deleteLedgerEntry', { seq }),
    getLedger: (caseKey) => sendMessage('getLedger', { caseKey }),
  },
  async answerPlatform(platform) {
    // The worker saves it, then tells the waiting tabs to read their pages again.
    await sendMessage('saveSettings', answerPlatformPatch(await sendMessage('getSettings'), platform));
  },
  onChange(cb) {
    const off = onMessage('casesChanged', () => cb());
    // The docked panel follows the agent between tabs.
    const onTab = () => cb();
    browser.tabs.onActivated.addListener(onTab);
    return () => {
      off();
      browser.tabs.onActivated.removeListener(onTab);
    };
  },
};

render(<App api={api} />, document.getElementById('app')!);
