import { browser } from '#imports';
import type { SentinelStore } from '../../core/store';
import type { PackService } from './pack-service';
import { LIMITS } from '../../protocol/limits';
import { originPattern } from '../../protocol/permissions';
import type { TeamPackStatus } from '../../protocol/views';

/**
 * Team pack URL: fetched on a schedule (`chrome.alarms` `as-team-pack`, every
 * settings.teamPack.refreshHours) with `If-None-Match` / ETag. A good pack goes through the
 * same import path as a file; a bad one or a network error keeps the last good pack and is
 * recorded in the status shown on the options page.
 *
 * Permission: the URL's origin is an OPTIONAL host permission (`optional_host_permissions:
 * ['https://*\/*']` in the manifest), requested by the options page when the agent saves a
 * URL (a user gesture). Without it, the refresh reports `no-permission` and fetches nothing.
 */

export const TEAM_PACK_ALARM = 'as-team-pack';

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

export async function refreshTeamPack(
  store: SentinelStore,
  packs: PackService,
  url: string,
  nowIso: string,
  fetchFn: typeof fetch = fetch,
): Promise<TeamPackStatus> {
  const previous = await getTeamPackStatus(store, url);
  let status: TeamPackStatus;
  if (!url) {
    status = { url, checkedAt: nowIso, result: 'none' };
  } else if (!(await hasPermission(url))) {
    status = { ...previous, checkedAt: nowIso, result: 'no-permission', error: `permission for ${originPattern(url)} not granted` };
  } else {
    status = await fetchOnce(packs, url, nowIso, previous, fetchFn);
  }
  await store.putMeta('teamPack', status);
  return status;
}

async function fetchOnce(packs: PackService, url: string, nowIso: string, previous: TeamPackStatus, fetchFn: typeof fetch): Promise<TeamPackStatus> {
  const keep = previous.etag ? { etag: previous.etag } : {};
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (previous.etag) headers['if-none-match'] = previous.etag;
    const res = await fetchFn(url, { headers, cache: 'no-cache', credentials: 'omit', redirect: 'follow' });
    if (res.status === 304) return { url, checkedAt: nowIso, result: 'not-modified', ...keep };
    if (!res.ok) return { url, checkedAt: nowIso, result: 'error', error: `HTTP ${res.status}`, ...keep };
    const text = await res.text();
    if (text.length > LIMITS.packJsonChars) return { url, checkedAt: nowIso, result: 'error', error: 'pack too large (max 2 MB)', ...keep };
    const etag = res.headers.get('etag') ?? undefined;
    const active = await packs.activeRecord();
    if (active?.source === 'url' && active.sourceUrl === url && active.json === text) {
      return { url, checkedAt: nowIso, result: 'not-modified', ...(etag ? { etag } : keep) };
    }
    const imported = await packs.importJson(text, 'url', url);
    if (!imported.ok) return { url, checkedAt: nowIso, result: 'error', error: imported.error, ...keep };
    return { url, checkedAt: nowIso, result: 'updated', ...(etag ? { etag } : {}) };
  } catch (e) {
    return { url, checkedAt: nowIso, result: 'error', error: e instanceof Error ? e.message : String(e), ...keep };
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
