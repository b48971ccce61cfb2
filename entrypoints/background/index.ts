import { defineBackground } from '#imports';
import { registerSentinel } from './register';
import { coreRules } from './rules';
import { createSentinel } from './sentinel';

/**
 * The MV3 service worker. Listeners are registered synchronously on every start; all state
 * lives in storage.session (tabs, focus) and IndexedDB (packs, settings, ledger, recent
 * cases), and every deadline warning is a chrome.alarm recomputed on start — so the worker
 * may be stopped at any moment without losing anything.
 */
export default defineBackground(() => {
  const sentinel = createSentinel({ rules: coreRules });
  registerSentinel(sentinel);
  sentinel.events.init().catch((e: unknown) => console.error('[sentinel] init failed', e));
});
