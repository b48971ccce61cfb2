import { browser } from '#imports';
import type { SentinelStore } from '../../core/store';
import type { PackService } from './pack-service';
import { originPattern } from '../../protocol/permissions';
import type { TeamPackStatus } from '../../protocol/views';
import type { Serial } from './promises';
import { sha256Hex } from './pack-service';

/**
 * Team pack URL: fetched on a schedule (`chrome.alarms` `as-team-pack`, every
 * settings.teamPack.refreshHours) with `If-None-Match` / ETag. A good pack goes through the
 * same path as a file: validated and STAGED with its preview, active only once the agent
 * confirms on the options page. A bad one or a network error keeps the last good pack and is
 * recorded in the status shown on the options page (without the ETag, so the next refresh
 * asks for the whole file again).
 *
 * The network is never in the worker's critical path: the download runs OUTSIDE the admin
 * queue (`serial`), with a timeout (TEAM_PACK_TIMEOUT_MS, AbortController); only the install
 * of a downloaded text is queued. Deadline warnings have a queue of their own and never wait
 * for either.
 *
 * Permission: the URL's origin is an OPTIONAL host permission (`optional_host_permissions:
 * ['https://*\/*']` in the manifest), requested by the options page when the agent saves a
 * URL (a user gesture). Without it, the refresh reports `no-permission` and fetches nothing.
 */

export const TEAM_PACK_ALARM = 'as-team-pack';
/** A team-pack request (connection and body) is given up after this long. */
export const TEAM_PACK_TIMEOUT_MS = 15_000;

export type { TeamPackStatus };

export async function getTeamPackStatus(store: SentinelStore, url: string): Promise<TeamPackStatus> {
  const s = await store.getMeta<TeamPackStatus>('teamPack');
  return s && s.url === url ? s : { url, checkedAt: null, result: 'none' };
}

async function hasPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(url)] });
  } catch {
    return false;
  }
}

/** The largest team pack file accepted, in bytes (the pack itself is at most 5,000,000 characters). */
const TEAM_PACK_MAX_BYTES = 5_000_000;
/** An ETag longer than this, or not printable ASCII, is not kept (it would be sent back on every refresh). */
const MAX_ETAG_CHARS = 200;

/** What one request brought back (the network phase: no store, no queue). */
type Download =
  { kind: 'not-modified' } | { kind: 'body'; text: string; etag?: string } | { kind: 'error'; error: string };

const tooLarge = (bytes: string) =>
  `the file is larger than the limit: ${bytes} (at most ${TEAM_PACK_MAX_BYTES.toLocaleString('en')} bytes, 5 MB)`;

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A server's ETag worth sending back: short printable ASCII; otherwise none. */
function usableEtag(etag: string | null): string | undefined {
  return etag && etag.length <= MAX_ETAG_CHARS && /^[\x21-\x7e][\x20-\x7e]*$/.test(etag) ? etag : undefined;
}

/** The body, read chunk by chunk and given up past `maxBytes` (a huge file is never buffered whole). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | string> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(`more than ${maxBytes.toLocaleString('en')} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

interface DownloadOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** The administrator's SHA-256 pin (hex); '' or absent: none. */
  sha256?: string;
}

/**
 * GET the pack: https only, no redirect (`redirect: 'error'`, and the final URL must be the
 * one asked for), `Content-Length` checked before the body and the body read with a byte
 * cap, the administrator's SHA-256 pin checked, all given up after `timeoutMs`.
 */
async function downloadTeamPack(
  url: string,
  etag: string | undefined,
  fetchFn: typeof fetch,
  opts: DownloadOptions = {},
): Promise<Download> {
  const timeoutMs = opts.timeoutMs ?? TEAM_PACK_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? TEAM_PACK_MAX_BYTES;
  if (!url.startsWith('https://') || originOf(url) === null)
    return { kind: 'error', error: 'the team pack URL must be https://' };
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (etag) headers['if-none-match'] = etag;
    const res = await fetchFn(url, {
      headers,
      cache: 'no-cache',
      credentials: 'omit',
      redirect: 'error',
      signal: ctl.signal,
    });
    if (
      res.redirected ||
      (res.url && (originOf(res.url) !== originOf(url) || !res.url.startsWith('https://')))
    ) {
      await res.body?.cancel().catch(() => undefined);
      return {
        kind: 'error',
        error: `the server sent the request elsewhere (${originOf(res.url) ?? res.url}): refused, only ${originOf(url)} itself is asked`,
      };
    }
    if (res.status === 304) return { kind: 'not-modified' };
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'error', error: `HTTP ${res.status}` };
    }
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'error', error: tooLarge(`${declared.toLocaleString('en')} bytes`) };
    }
    const body = await readCapped(res, maxBytes);
    if (typeof body === 'string') return { kind: 'error', error: body };
    const pin = opts.sha256?.toLowerCase();
    if (pin) {
      const got = await sha256Hex(body);
      if (got !== pin)
        return {
          kind: 'error',
          error: `the file's SHA-256 (${got.slice(0, 12)}…) is not the one the administrator set (${pin.slice(0, 12)}…): refused`,
        };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return { kind: 'error', error: 'the file is not UTF-8 text' };
    }
    const tag = usableEtag(res.headers.get('etag'));
    return { kind: 'body', text, ...(tag ? { etag: tag } : {}) };
  } catch (e) {
    if (ctl.signal.aborted)
      return { kind: 'error', error: `no answer within ${timeoutMs / 1000} s (timed out)` };
    return { kind: 'error', error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

interface TeamPackDeps {
  store: () => Promise<SentinelStore>;
  packs: PackService;
  /** The URL to fetch and the administrator's pin (the effective settings). */
  config: () => Promise<{ url: string; sha256: string }>;
  nowIso: () => string;
  /** The admin queue: only the staging of a download waits in it. */
  serial: Serial;
  fetchFn?: typeof fetch;
  timeoutMs?: number;
}

/**
 * One refresh at a time: a second call while one is running gets the same answer (an alarm
 * and the options page's button at once make one request). A new version is STAGED (the
 * options page shows what changes; the agent confirms), never activated here.
 */
export class TeamPackRefresher {
  private inflight: Promise<TeamPackStatus> | null = null;

  constructor(private readonly deps: TeamPackDeps) {}

  refresh(): Promise<TeamPackStatus> {
    this.inflight ??= this.run().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async run(): Promise<TeamPackStatus> {
    const d = this.deps;
    const { url, sha256 } = await d.config();
    const store = await d.store();
    const previous = await getTeamPackStatus(store, url);
    const finish = async (status: TeamPackStatus) => {
      await store.putMeta('teamPack', status);
      return status;
    };
    if (!url) return finish({ url, checkedAt: d.nowIso(), result: 'none' });
    if (!(await hasPermission(url))) {
      return finish({
        url,
        checkedAt: d.nowIso(),
        result: 'no-permission',
        error: `permission for ${originPattern(url)} not granted`,
      });
    }
    // The network phase: outside the queue.
    const got = await downloadTeamPack(url, previous.etag, d.fetchFn ?? fetch, {
      ...(d.timeoutMs ? { timeoutMs: d.timeoutMs } : {}),
      sha256,
    });
    // The staging phase: queued behind other admin changes (never behind the network).
    return d.serial(async () => {
      const at = d.nowIso();
      // After an error no ETag is kept: the next refresh asks for the whole file again.
      if (got.kind === 'error') return finish({ url, checkedAt: at, result: 'error', error: got.error });
      if (got.kind === 'not-modified')
        return finish({
          url,
          checkedAt: at,
          result: 'not-modified',
          ...(previous.etag ? { etag: previous.etag } : {}),
        });
      const etag = got.etag ? { etag: got.etag } : {};
      const active = await d.packs.activeRecord();
      if (active?.source === 'url' && active.sourceUrl === url && active.json === got.text)
        return finish({ url, checkedAt: at, result: 'not-modified', ...etag });
      if ((await d.packs.pendingJson()) === got.text)
        return finish({ url, checkedAt: at, result: 'pending', ...etag });
      const staged = await d.packs.stage(got.text, 'url', url);
      if (!staged.ok) return finish({ url, checkedAt: at, result: 'error', error: staged.error });
      return finish({ url, checkedAt: at, result: 'pending', ...etag });
    });
  }
}

/** Keep the periodic alarm in line with the settings (none when no URL). */
export async function scheduleTeamPack(url: string, refreshHours: number): Promise<void> {
  const existing = await browser.alarms.get(TEAM_PACK_ALARM);
  if (!url) {
    if (existing) await browser.alarms.clear(TEAM_PACK_ALARM);
    return;
  }
  const period = refreshHours * 60;
  if (existing && existing.periodInMinutes === period) return;
  await browser.alarms.create(TEAM_PACK_ALARM, { delayInMinutes: 1, periodInMinutes: period });
}
