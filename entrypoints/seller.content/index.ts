import { defineContentScript } from '#imports';
import { readPageWithAnchors, rereadRows, type ListSource } from '../../core/pages';
import { sendMessage } from '../background/messaging';
import { Sentinel } from './sentinel';

/**
 * 售后哨兵 in the seller back office: read each refund / after-sale / complaint case by
 * label, report the facts to the background, and show a countdown badge per case.
 *
 * Matches are core/pages/urls.ts BACK_OFFICE_MATCHES, written out as literals because
 * WXT evaluates this object at build time.
 */
export default defineContentScript({
  matches: [
    'https://refund2.tmall.com/dispute/*',
    'https://refund2.taobao.com/dispute/*',
    'https://rights.tmall.com/complaint/*',
    'https://rights.taobao.com/complaint/*',
  ],
  runAt: 'document_idle',
  main(ctx) {
    const sentinel = new Sentinel(ctx, {
      read: (root, url) => readPageWithAnchors(root, url),
      reread: (list, rows, url) => rereadRows(list as ListSource, rows, url),
      // Only what the badges need comes back (not every case's whole guidance).
      report: (d) => sendMessage('reportPage', { ...d, answer: 'badges' }),
      focus: (key) => {
        sendMessage('focusCase', { key }).catch((error: unknown) => console.warn('[售后哨兵] focusCase failed:', error));
      },
      settings: () => sendMessage('getSettings'),
    });
    void sentinel.start();
  },
});
