import { browser, defineContentScript } from '#imports';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  BACK_OFFICE_MATCHES,
  detectPageKind,
  isWorkbench,
  readPageSteps,
  readPageWithAnchors,
  rereadRows,
  type ListSource,
} from '../../core/pages';
import { onMessage, sendMessage } from '../../protocol/messaging';
import { CueLine } from './cue-line';
import { ignoreForgedInvalidation } from './invalidation-guard';
import { PageLoop } from './page-loop';

/**
 * 售后哨兵 in the seller back office: read each refund / after-sale / complaint case by
 * label, report the facts to the background, and show a countdown badge per case.
 *
 * Matches: core/pages/urls.ts BACK_OFFICE_MATCHES (WXT evaluates this object at build time;
 * test/unit/drills/manifest checks the built manifest).
 */
export default defineContentScript({
  matches: [...BACK_OFFICE_MATCHES],
  // Old lists and the workbench's transitional shell render inside frames.
  allFrames: true,
  runAt: 'document_idle',
  // WXT's started message by window.postMessage told every page script our extension id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // A page script cannot switch us off by forging WXT's "newer copy started" event.
    ctx.onInvalidated(
      ignoreForgedInvalidation(window, startedEventName(), () => browser.runtime?.id != null),
    );
    const loop = new PageLoop(ctx, {
      // `now`: times two years away are unreadable (core/pages/plausible.ts).
      read: (root, url, opts) => readPageWithAnchors(root, url, { ...opts, now: Date.now() }),
      // The same read in steps, spread over short tasks (page-loop.ts readPage).
      readSteps: (root, url, opts) => readPageSteps(root, url, { ...opts, now: Date.now() }),
      // The workbench is one app: present on every route, reading only the lists and details.
      active: (url) => !isWorkbench(url) || detectPageKind(url) !== null,
      reread: (list, rows, url) => rereadRows(list as ListSource, rows, url, { now: Date.now() }),
      // Only what the badges need comes back (not every case's whole guidance).
      report: (d) => sendMessage('reportPage', { ...d, answer: 'badges' }),
      focus: (key) => {
        sendMessage('focusCase', { key }).catch((error: unknown) =>
          console.warn('[售后哨兵] focusCase failed:', error),
        );
      },
      settings: () => sendMessage('getSettings'),
    });
    // The worker's word that the settings changed (e.g. the agent answered 天猫 / 淘宝).
    const off = onMessage('settingsChanged', () => loop.settingsChanged());
    ctx.onInvalidated(off);
    // A keyboard command's result: the frame that has the case's badge scrolls to it; the
    // top frame says the line (once per tab, whichever frame holds the case).
    const line = window.top === window ? new CueLine(ctx) : null;
    const offCue = onMessage('showCue', ({ data }) => {
      if (data.key) loop.layer.cue(data.key);
      line?.show(data.text);
    });
    ctx.onInvalidated(offCue);
    void loop.start();
  },
});

/** WXT's "a newer copy started" event name (`<extension id>:<entrypoint>:wxt:content-script-started`), as its context listens for it. */
function startedEventName(): string {
  return (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string })
    .SCRIPT_STARTED_MESSAGE_TYPE;
}
