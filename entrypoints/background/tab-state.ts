import { browser } from '#imports';
import type { CaseView } from './protocol';

/**
 * Cases per tab, kept in `chrome.storage.session` (survives the worker being stopped,
 * cleared when the browser closes — like the tabs themselves). Never in memory only.
 *   `tab:<id>`  → TabState
 *   `focus`     → the case a badge click asked the side panel to show
 *   `lastTab`   → the back-office tab the agent used most recently
 *   `notified`  → crossings already notified (alarm name @ dueAt)
 */

export interface TabState {
  tabId: number;
  url: string;
  cases: CaseView[];
  unreadable?: { tried: string[]; fields: string[] };
  updatedMs: number;
}

export interface FocusState {
  key: string;
  tabId: number | null;
}

const session = () => browser.storage.session;
const tabKey = (tabId: number) => `tab:${tabId}`;

export async function getTab(tabId: number): Promise<TabState | null> {
  const key = tabKey(tabId);
  const got = await session().get(key);
  return (got[key] as TabState | undefined) ?? null;
}

/**
 * Save a tab's cases. storage.session holds 10 MB; a case view is ~7.5 KB, so many long
 * list tabs could fill it: on a failed write the OTHER tabs' states are dropped oldest
 * first (their pages re-report on the next change) until this one fits.
 */
export async function putTab(state: TabState): Promise<void> {
  const write = () => session().set({ [tabKey(state.tabId)]: state, lastTab: state.tabId });
  try {
    await write();
    return;
  } catch (e) {
    const others = (await allTabs()).filter((t) => t.tabId !== state.tabId).sort((a, b) => a.updatedMs - b.updatedMs);
    for (const old of others) {
      console.warn('[sentinel] session storage full, dropping the cases of tab', old.tabId, e);
      await session().remove(tabKey(old.tabId));
      try {
        await write();
        return;
      } catch {
        /* still too big: drop the next oldest */
      }
    }
    throw e;
  }
}

export async function removeTab(tabId: number): Promise<boolean> {
  const existed = (await getTab(tabId)) !== null;
  if (existed) await session().remove(tabKey(tabId));
  return existed;
}

export async function allTabs(): Promise<TabState[]> {
  const all = await session().get(null);
  return Object.entries(all)
    .filter(([k]) => k.startsWith('tab:'))
    .map(([, v]) => v as TabState);
}

export async function getFocus(): Promise<FocusState | null> {
  const got = await session().get('focus');
  return (got.focus as FocusState | undefined) ?? null;
}

export async function setFocus(focus: FocusState): Promise<void> {
  await session().set({ focus });
}

export async function getLastTab(): Promise<number | null> {
  const got = await session().get('lastTab');
  return typeof got.lastTab === 'number' ? got.lastTab : null;
}

export async function setLastTab(tabId: number): Promise<void> {
  await session().set({ lastTab: tabId });
}

export async function wasNotified(id: string): Promise<boolean> {
  const got = await session().get('notified');
  return Array.isArray(got.notified) && (got.notified as string[]).includes(id);
}

export async function markNotified(id: string): Promise<void> {
  const got = await session().get('notified');
  const list = Array.isArray(got.notified) ? (got.notified as string[]) : [];
  await session().set({ notified: [...list.filter((x) => x !== id), id].slice(-1000) });
}
