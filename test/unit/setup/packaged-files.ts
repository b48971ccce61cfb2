import { DEFAULT_PACK_FILE } from '../../../core/rules/packaged';
import { defaultPackJson } from '../../../core/rules/packaged-json';

/**
 * The extension package's data files, served to the worker's real loader
 * (entrypoints/background/rules.ts) with the text the build writes (wxt.config.ts): a fetch of
 * `chrome-extension://<id>/rules/default-pack.json` answers it; any other URL goes to the real fetch.
 */
const MARK = Symbol.for('aftersale-sentinel.packaged-files');
const current = globalThis.fetch as typeof fetch & { [MARK]?: true };
if (!current[MARK]) {
  const packaged = new Map<string, string>([[DEFAULT_PACK_FILE, defaultPackJson()]]);
  const served: typeof fetch & { [MARK]?: true } = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const m = /^chrome-extension:\/\/[^/]+\/(.*)$/.exec(url);
    const text = m ? packaged.get(m[1]!) : undefined;
    if (m)
      return Promise.resolve(
        text === undefined
          ? new Response('', { status: 404 })
          : new Response(text, { headers: { 'content-type': 'application/json' } }),
      );
    return current(input, init);
  };
  served[MARK] = true;
  globalThis.fetch = served;
}
