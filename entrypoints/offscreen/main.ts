import { browser } from '#imports';
import { onMessage } from '../../protocol/messaging';
import { classifySender } from '../../protocol/sender-policy';

/**
 * The offscreen document (reason CLIPBOARD): a service worker has no clipboard, so a
 * keyboard command's copy is done here (entrypoints/background/clipboard.ts creates this
 * page, asks, and closes it). Only our own extension contexts may ask: a content script's
 * runtime message also reaches extension pages.
 */
const self = { origin: browser.runtime.getURL('/'), id: browser.runtime.id };

onMessage('offscreenCopy', (m) => {
  if (classifySender(m.sender, self) !== 'extension-page') throw new Error('offscreenCopy: refused');
  const area = document.getElementById('clip') as HTMLTextAreaElement;
  area.value = m.data.text;
  area.select();
  // The Clipboard API needs a focused document, which an offscreen one never is.
  const ok = document.execCommand('copy');
  area.value = '';
  return { ok };
});
