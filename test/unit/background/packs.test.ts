import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Clock, HOUR, NOW, URL_DETAIL, freshProfile, sentinel, tab, tmallRefund } from './helpers';
import { defaultPack } from '../../../core';

beforeEach(freshProfile);

/** A valid pack derived from the default one (same rules, another id/version). */
function teamPack(version: string, mutate?: (p: Record<string, unknown>) => void): string {
  const p = JSON.parse(JSON.stringify(defaultPack)) as Record<string, unknown>;
  p.id = 'team-pack';
  p.version = version;
  mutate?.(p);
  return JSON.stringify(p);
}

describe('rule packs', () => {
  it('starts on the built-in default pack', async () => {
    const s = sentinel(new Clock(NOW));
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active).toMatchObject({ id: defaultPack.id, version: defaultPack.version, source: 'default', ruleCount: defaultPack.rules.length });
    expect(info.previous).toBeNull();
  });

  it('a good import becomes active, the old one previous; cases are re-evaluated with it', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(1));
    const res = await s.handlers.importPack({ json: teamPack('7') });
    expect(res).toMatchObject({ ok: true, info: { id: 'team-pack', version: '7', source: 'file', importedAt: '2026-11-20T12:00:00+08:00' } });
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active.id).toBe('team-pack');
    expect(info.previous).toMatchObject({ id: defaultPack.id, source: 'default' });
    const { cases } = await s.handlers.getTabCases({ tabId: 1 }, {});
    expect(cases[0]!.guidance.pack).toEqual({ id: 'team-pack', version: '7' });
  });

  it('a bad import is refused with the zod path and the active pack stays', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.importPack({ json: teamPack('7') });
    const negative = teamPack('8', (p) => {
      const rules = p.rules as Array<Record<string, unknown>>;
      const i = rules.findIndex((r) => r.type === 'compensation' && typeof r.basisPoints === 'number');
      rules[i]!.basisPoints = -3000;
    });
    const bad = await s.handlers.importPack({ json: negative });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/rules\[\d+\]\.basisPoints/);
    const notJson = await s.handlers.importPack({ json: '{"id": "x", ' });
    expect(notJson.ok).toBe(false);
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active).toMatchObject({ id: 'team-pack', version: '7' });
    expect(info.previous?.source).toBe('default');
  });

  it('a pack too large for the message is refused at the door', async () => {
    const s = sentinel(new Clock(NOW));
    await expect(s.handlers.importPack({ json: 'x'.repeat(5_000_001) })).rejects.toThrow(/importPack: invalid payload — json: pack file too large/);
  });

  it('export gives back the imported text; reset restores the default (previous ← the import)', async () => {
    const s = sentinel(new Clock(NOW));
    const text = teamPack('9');
    await s.handlers.importPack({ json: text });
    expect((await s.handlers.exportPack(undefined)).json).toBe(text);
    const { info } = await s.handlers.resetPack(undefined);
    expect(info).toMatchObject({ id: defaultPack.id, source: 'default' });
    const after = await s.handlers.getPackInfo(undefined);
    expect(after.previous).toMatchObject({ id: 'team-pack', version: '9' });
    expect(JSON.parse((await s.handlers.exportPack(undefined)).json)).toEqual(JSON.parse(JSON.stringify(defaultPack)));
  });

  it('the active pack is read from IndexedDB by a new worker (nothing lives only in memory)', async () => {
    const clock = new Clock(NOW);
    await sentinel(clock).handlers.importPack({ json: teamPack('11') });
    const restarted = sentinel(clock);
    expect((await restarted.handlers.getPackInfo(undefined)).active).toMatchObject({ id: 'team-pack', version: '11' });
  });

  it('a failed save (storage error) reports it and keeps the active pack', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.importPack({ json: teamPack('1') });
    const store = await s.store();
    vi.spyOn(store, 'installPack').mockRejectedValueOnce(new DOMException('quota', 'QuotaExceededError'));
    const res = await s.handlers.importPack({ json: teamPack('2') });
    expect(res).toMatchObject({ ok: false });
    expect(!res.ok && res.error).toMatch(/active pack is unchanged/);
    expect((await s.handlers.getPackInfo(undefined)).active.version).toBe('1');
  });
});

describe('team pack URL', () => {
  const url = 'https://packs.example.com/team.json';

  function server(responses: Array<{ status: number; body?: string; etag?: string }>) {
    const calls: Array<Record<string, string>> = [];
    const fetchFn = vi.fn(async (_u: string | URL | Request, init?: RequestInit) => {
      calls.push({ ...(init?.headers as Record<string, string>) });
      const r = responses.shift()!;
      return new Response(r.status === 304 ? null : (r.body ?? ''), { status: r.status, headers: r.etag ? { etag: r.etag } : {} });
    });
    return { fetchFn: fetchFn as unknown as typeof fetch, calls };
  }

  it('fetches with If-None-Match, keeps the last good pack on errors and bad packs', async () => {
    const clock = new Clock(NOW);
    const srv = server([
      { status: 200, body: teamPack('1'), etag: '"v1"' },
      { status: 304 },
      { status: 200, body: '{"broken": true}', etag: '"v2"' },
      { status: 500 },
    ]);
    const s = sentinel(clock, { fetchFn: srv.fetchFn });
    await s.handlers.saveSettings({ teamPack: { url, refreshHours: 6 } });

    expect(await s.handlers.refreshTeamPack(undefined)).toMatchObject({ result: 'updated', etag: '"v1"' });
    expect((await s.handlers.getPackInfo(undefined)).active).toMatchObject({ id: 'team-pack', version: '1', source: 'url', sourceUrl: url });

    clock.advance(6 * HOUR);
    expect(await s.events.onAlarm({ name: 'as-team-pack' })).toBeUndefined();
    expect(srv.calls[1]).toMatchObject({ 'if-none-match': '"v1"' });
    expect((await s.handlers.getPackInfo(undefined)).team).toMatchObject({ result: 'not-modified' });

    const bad = await s.handlers.refreshTeamPack(undefined);
    expect(bad.result).toBe('error');
    expect(bad.etag).toBe('"v1"'); // the bad version's ETag is not remembered: it will be fetched again
    const down = await s.handlers.refreshTeamPack(undefined);
    expect(down).toMatchObject({ result: 'error', error: 'HTTP 500' });
    expect((await s.handlers.getPackInfo(undefined)).active.version).toBe('1');
  });

  it('without the host permission nothing is fetched', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    (fakeBrowser.permissions as unknown as { contains: () => Promise<boolean> }).contains = async () => false;
    const srv = server([]);
    const s = sentinel(new Clock(NOW), { fetchFn: srv.fetchFn });
    await s.handlers.saveSettings({ teamPack: { url } });
    expect(await s.handlers.refreshTeamPack(undefined)).toMatchObject({ result: 'no-permission' });
    expect(srv.fetchFn).not.toHaveBeenCalled();
  });

  it('saving a URL schedules the periodic alarm; clearing it removes the alarm', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const s = sentinel(new Clock(NOW));
    await s.handlers.saveSettings({ teamPack: { url, refreshHours: 12 } });
    expect((await fakeBrowser.alarms.get('as-team-pack'))?.periodInMinutes).toBe(720);
    await s.handlers.saveSettings({ teamPack: { url: '' } });
    expect(await fakeBrowser.alarms.get('as-team-pack')).toBeUndefined();
  });
});
