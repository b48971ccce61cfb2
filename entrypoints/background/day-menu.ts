import { browser } from '#imports';

/**
 * The toolbar button's context menu gets one entry: the shop's day (day.html) in a new tab.
 * The entry is created on install/update (Chrome keeps it across worker restarts); the click
 * listener is registered on every start, synchronously, as MV3 requires.
 */
const DAY_MENU_ID = 'open-day';

export function registerDayMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: DAY_MENU_ID, title: browser.i18n.getMessage('day_menu') || '店铺的一天', contexts: ['action'] },
      () => {
        // Already there (an update re-runs onInstalled): nothing to do.
        void browser.runtime.lastError;
      },
    );
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== DAY_MENU_ID) return;
    browser.tabs
      .create({ url: browser.runtime.getURL('/day.html') })
      .catch((e: unknown) => console.warn('[sentinel] day page not opened', e));
  });
}
