import { browser } from '#imports';
import type { ProtocolMap } from '../../protocol/map';
import { sendMessage } from '../../protocol/messaging';
import { originPattern } from '../../protocol/permissions';

type R<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/** Everything the options page does outside itself — injected, so tests use the real background. */
export interface OptionsApi {
  getSettings(): Promise<R<'getSettings'>>;
  saveSettings(patch: Parameters<ProtocolMap['saveSettings']>[0]): Promise<R<'saveSettings'>>;
  getPackInfo(): Promise<R<'getPackInfo'>>;
  importPack(json: string): Promise<R<'importPack'>>;
  /** Activate (accept) or drop the pending pack shown in the preview. */
  decidePack(token: string, accept: boolean): Promise<R<'decidePack'>>;
  exportPack(): Promise<R<'exportPack'>>;
  resetPack(): Promise<R<'resetPack'>>;
  refreshTeamPack(): Promise<R<'refreshTeamPack'>>;
  /** The compensation ledger (newest first) and deleting an entry recorded by mistake. */
  getLedger(): Promise<R<'getLedger'>>;
  deleteLedgerEntry(seq: number): Promise<R<'deleteLedgerEntry'>>;
  /** Enterprise policy values (`storage.managed`), {} when none. */
  readManaged(): Promise<unknown>;
  /** Ask for the team pack URL's host permission. MUST be the first call of a click handler. */
  requestOrigin(url: string): Promise<boolean>;
  download(fileName: string, text: string, type?: string): void;
  /** Ask the agent to confirm (default: window.confirm). */
  confirm?(text: string): boolean;
  /** The keyboard commands and their current keys. */
  shortcuts?(): Promise<Array<{ name: string; shortcut: string }>>;
  /** Open the browser's page where extension shortcuts are changed. */
  openShortcuts?: () => void;
}

export const browserOptionsApi: OptionsApi = {
  getSettings: () => sendMessage('getSettings'),
  saveSettings: (patch) => sendMessage('saveSettings', patch),
  getPackInfo: () => sendMessage('getPackInfo'),
  importPack: (json) => sendMessage('importPack', { json }),
  decidePack: (token, accept) => sendMessage('decidePack', { token, accept }),
  exportPack: () => sendMessage('exportPack'),
  resetPack: () => sendMessage('resetPack'),
  refreshTeamPack: () => sendMessage('refreshTeamPack'),
  getLedger: () => sendMessage('getLedger', {}),
  deleteLedgerEntry: (seq) => sendMessage('deleteLedgerEntry', { seq }),
  async readManaged() {
    try {
      return await browser.storage.managed.get(null);
    } catch {
      return {};
    }
  },
  async requestOrigin(url) {
    try {
      return await browser.permissions.request({ origins: [originPattern(url)] });
    } catch {
      return false;
    }
  },
  async shortcuts() {
    const all = await browser.commands.getAll();
    return all.map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' }));
  },
  openShortcuts() {
    const url = navigator.userAgent.includes('Edg/')
      ? 'edge://extensions/shortcuts'
      : 'chrome://extensions/shortcuts';
    browser.tabs
      .create({ url })
      .catch((e: unknown) => console.warn('[sentinel] shortcuts page not opened', e));
  },
  download(fileName, text, type = 'application/json') {
    const href = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = href;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  },
};
