/**
 * `$1`…`$9` in a message replaced by the arguments, as chrome.i18n does; a `$n` with no
 * argument stays as written. The one replacer of the UI messages (components/i18n.ts, the
 * worker's notification texts, the badge's texts).
 */
export function fillPlaceholders(message: string, subs: ReadonlyArray<string | number>): string {
  return message.replace(/\$(\d)/g, (m, d: string) => {
    const v = subs[Number(d) - 1];
    return v === undefined ? m : String(v);
  });
}
