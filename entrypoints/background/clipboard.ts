import { browser } from '#imports';
import { sendMessage } from '../../protocol/messaging';

const OFFSCREEN_PATH = '/offscreen.html';
/** One copy at a time: a second one must not find the document of the first closing. */
let last: Promise<unknown> = Promise.resolve();

/**
 * Put `text` on the clipboard from the worker: through the offscreen document
 * (entrypoints/offscreen), created for the copy and closed after it. Rejects when the copy
 * did not happen, so the caller can say so.
 */
export function copyThroughOffscreen(text: string): Promise<void> {
  const run = last.then(
    () => copyOnce(text),
    () => copyOnce(text),
  );
  last = run.catch(() => undefined);
  return run;
}

async function copyOnce(text: string): Promise<void> {
  const offscreen = browser.offscreen;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Copy a suggested reply to the clipboard from a keyboard shortcut',
    });
  }
  try {
    const answer = await sendMessage('offscreenCopy', { text });
    if (!answer?.ok) throw new Error('the offscreen document could not copy');
  } finally {
    await offscreen.closeDocument().catch(() => undefined);
  }
}
