import { browser } from '#imports';
import type { SentinelStore } from '../../core/store';
import type { PackService } from './pack-service';
import { originPattern } from '../../protocol/permissions';
import type { TeamPackStatus } from '../../protocol/views';
import type { Serial } from './promises';

/**
 * Team pack URL: fetched on a schedule (`chrome.alarms` `as-team-pack`, every
 * settings.teamPack.refreshHours) with `If-None-Match` / ETag. A good pack goes through the
 * same import path as a file; a bad one or a network error keeps the last good pack and is
 * recorded in the status shown on the options page.
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

/** What one request brought back (the network phase: no store, no queue). */
export type Download = { kind: 'not-modified' } | { kind: 'body'; text: string; etag?: string } | { kind: 'error'; error: string };

/** GET the pack, given up after `timeoutMs` (connection and body alike). */
export async function downloadTeamPack(url: string, etag: string | undefined, fetchFn: typeof fetch, timeoutMs = TEAM_PACK_TIMEOUT_MS): Promise<Download> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (etag) headers['if-none-match'] = etag;
    const res = await fetchFn(url, { headers, cache: 'no-cache', credentials: 'omit', redirect: 'follow', signal: ctl.signal });
    if (res.status === 304) return { kind: 'not-modified' };
    if (!res.ok) return { kind: 'error', error: `HTTP ${res.status}` };
    const text = await res.text();
    const got = res.headers.get('etag');
    return { kind: 'body', text, ...(got ? { etag: got } : {}) };
  } catch (e) {
    if (ctl.signal.aborted) return { kind: 'error', error: `no answer within ${timeoutMs / 1000} s (timed out)` };
    return { kind: 'error', error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

export interface TeamPackDeps {
  store: () => Promise<SentinelStore>;
  packs: PackService;
  /** The URL to fetch (the effective settings). */
  url: () => Promise<string>;
  nowIso: () => string;
  /** The admin queue: only the install waits in it. */
  serial: Serial;
  /** After a new pack became active: re-evaluate the open tabs. */
  reevaluateAll: () => Promise<void>;
  fetchFn?: typeof fetch;
  timeoutMs?: number;
}

/**
 * One refresh at a time: a second call while one is running gets the same answer (an alarm
 * and the options page's button at once make one request).
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
    const url = await d.url();
    const store = await d.store();
    const previous = await getTeamPackStatus(store, url);
    const finish = async (status: TeamPackStatus) => {
      await store.putMeta('teamPack', status);
      return status;
    };
    if (!url) return finish({ url, checkedAt: d.nowIso(), result: 'none' });
    if (!(await hasPermission(url))) {
      return finish({ ...previous, checkedAt: d.nowIso(), result: 'no-permission', error: `permission for ${originPattern(url)} not granted` });
    }
    // The network phase: outside the queue.
    const got = await downloadTeamPack(url, previous.etag, d.fetchFn ?? fetch, d.timeoutMs);
    // The install phase: queued behind other admin changes (never behind the network).
    return d.serial(async () => {
      const keep = previous.etag ? { etag: previous.etag } : {};
      const at = d.nowIso();
      if (got.kind === 'not-modified') return finish({ url, checkedAt: at, result: 'not-modified', ...keep });
      if (got.kind === 'error') return finish({ url, checkedAt: at, result: 'error', error: got.error, ...keep });
      const etag = got.etag ? { etag: got.etag } : keep;
      const active = await d.packs.activeRecord();
      if (active?.source === 'url' && active.sourceUrl === url && active.json === got.text) {
        return finish({ url, checkedAt: at, result: 'not-modified', ...etag });
      }
      const imported = await d.packs.importJson(got.text, 'url', url);
      if (!imported.ok) return finish({ url, checkedAt: at, result: 'error', error: imported.error, ...keep });
      const status = await finish({ url, checkedAt: at, result: 'updated', ...(got.etag ? { etag: got.etag } : {}) });
      await d.reevaluateAll();
      return status;
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
