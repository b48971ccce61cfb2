import { defineBackground } from '#imports';
import { registerWorker } from './register';
import { coreRules } from './rules';
import { registerDayMenu } from './day-menu';
import { createWorker } from './worker';

/**
 * The MV3 service worker. Listeners are registered synchronously on every start. The tabs'
 * cases are kept in memory for the worker's lifetime and written (compactly: reads and
 * evaluation instants) to storage.session after each report is answered; packs, settings,
 * ledger and recent cases live in IndexedDB (cached in memory until changed). Deadline
 * warnings are chrome.alarms for the next crossings, recomputed on start from the stored
 * state — so the worker may be stopped at any moment without losing anything.
 */
export default defineBackground(() => {
  const worker = createWorker({ rules: coreRules });
  registerWorker(worker);
  registerDayMenu();
  // Test and measured builds: the e2e run presses the keyboard commands through this (a
  // synthetic key press never reaches the browser's shortcut handling); production has none.
  if (import.meta.env.MODE !== 'production') {
    (globalThis as { sentinelCommand?: (name: string) => Promise<unknown> }).sentinelCommand = (name) =>
      worker.commands.run(name);
  }
  worker.events.init().catch((e: unknown) => console.error('[sentinel] init failed', e));
});
