import { defaultPackInput } from './default-pack';

/** The text of the packaged default pack (DEFAULT_PACK_FILE): what the build writes (wxt.config.ts). */
export function defaultPackJson(): string {
  return JSON.stringify(defaultPackInput);
}
