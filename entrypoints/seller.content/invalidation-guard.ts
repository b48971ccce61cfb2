/**
 * WXT stops an older copy of a content script when a newer one starts: the newer one
 * dispatches `<extension id>:<entrypoint>:wxt:content-script-started` on the document, and
 * every older context that hears it invalidates itself. Script in the page's own world can
 * dispatch the same event (the review switched 40 badges off this way, with no marker).
 *
 * A real newer copy only starts once this one's extension runtime is gone (an update or a
 * reload: `runtime.id` is then undefined, and WXT's context notices that by itself). So
 * while our runtime is alive the event can only be forged: it is stopped in the capture
 * phase on `window`, before it reaches the context's listener on the document.
 */
export function ignoreForgedInvalidation(
  win: Window,
  eventName: string,
  runtimeAlive: () => boolean,
): () => void {
  const stop = (event: Event) => {
    if (runtimeAlive()) event.stopImmediatePropagation();
  };
  win.addEventListener(eventName, stop, { capture: true });
  return () => win.removeEventListener(eventName, stop, { capture: true });
}
