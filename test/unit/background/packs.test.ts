import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Clock,
  HOUR,
  NOW,
  URL_DETAIL,
  freshProfile,
  importAndConfirm,
  sentinel,
  tab,
  tmallRefund,
} from './helpers';
import { createHash } from 'node:crypto';
import { defaultPack } from '../../../core';
import { applyManaged, defaultSettings } from '../../../core/model/settings';

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
    expect(info.active).toMatchObject({
      id: defaultPack.id,
      version: defaultPack.version,
      source: 'default',
      ruleCount: defaultPack.rules.length,
    });
    expect(info.previous).toBeNull();
  });

  it('a good import becomes active once confirmed, the old one previous; cases are re-evaluated with it', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(1));
    const res = await importAndConfirm(s, teamPack('7'));
    expect(res).toMatchObject({
      ok: true,
      info: { id: 'team-pack', version: '7', source: 'file', importedAt: '2026-11-20T12:00:00+08:00' },
    });
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active.id).toBe('team-pack');
    expect(info.previous).toMatchObject({ id: defaultPack.id, source: 'default' });
    const { cases } = await s.handlers.getTabCases({ tabId: 1 }, {});
    expect(cases[0]!.guidance.pack).toEqual({ id: 'team-pack', version: '7' });
  });

  it('a bad import is refused with the zod path and the active pack stays', async () => {
    const s = sentinel(new Clock(NOW));
    await importAndConfirm(s, teamPack('7'));
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
    await expect(s.handlers.importPack({ json: 'x'.repeat(5_000_001) })).rejects.toThrow(
      /importPack: invalid payload — json: pack file too large/,
    );
  });

  it('export gives back the imported text; reset restores the default (previous ← the import)', async () => {
    const s = sentinel(new Clock(NOW));
    const text = teamPack('9');
    await importAndConfirm(s, text);
    expect((await s.handlers.exportPack(undefined)).json).toBe(text);
    const { info } = await s.handlers.resetPack(undefined);
    expect(info).toMatchObject({ id: defaultPack.id, source: 'default' });
    const after = await s.handlers.getPackInfo(undefined);
    expect(after.previous).toMatchObject({ id: 'team-pack', version: '9' });
    expect(JSON.parse((await s.handlers.exportPack(undefined)).json)).toEqual(
      JSON.parse(JSON.stringify(defaultPack)),
    );
  });

  it('the active pack is read from IndexedDB by a new worker (nothing lives only in memory)', async () => {
    const clock = new Clock(NOW);
    await importAndConfirm(sentinel(clock), teamPack('11'));
    const restarted = sentinel(clock);
    expect((await restarted.handlers.getPackInfo(undefined)).active).toMatchObject({
      id: 'team-pack',
      version: '11',
    });
  });

  it('a failed save (storage error) reports it and keeps the active pack', async () => {
    const s = sentinel(new Clock(NOW));
    await importAndConfirm(s, teamPack('1'));
    const store = await s.store();
    vi.spyOn(store, 'installPack').mockRejectedValueOnce(new DOMException('quota', 'QuotaExceededError'));
    const res = await importAndConfirm(s, teamPack('2'));
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
      return new Response(r.status === 304 ? null : (r.body ?? ''), {
        status: r.status,
        headers: r.etag ? { etag: r.etag } : {},
      });
    });
    return { fetchFn: fetchFn as unknown as typeof fetch, calls };
  }

  it('a new version waits for the agent; If-None-Match; errors keep the last good pack and drop the ETag', async () => {
    const clock = new Clock(NOW);
    const srv = server([
      { status: 200, body: teamPack('1'), etag: '"v1"' },
      { status: 304 },
      { status: 200, body: '{"broken": true}', etag: '"v2"' },
      { status: 500 },
    ]);
    const s = sentinel(clock, { fetchFn: srv.fetchFn });
    await s.handlers.saveSettings({ teamPack: { url, refreshHours: 6 } });

    expect(await s.handlers.refreshTeamPack(undefined)).toMatchObject({ result: 'pending', etag: '"v1"' });
    const staged = await s.handlers.getPackInfo(undefined);
    expect(staged.active.source).toBe('default'); // nothing silent: the download is only staged
    expect(staged.pending).toMatchObject({
      info: { id: 'team-pack', version: '1', source: 'url', sourceUrl: url },
      flags: [],
    });
    expect(await s.handlers.decidePack({ token: staged.pending!.token, accept: true })).toMatchObject({
      ok: true,
      info: { id: 'team-pack', version: '1' },
    });
    expect((await s.handlers.getPackInfo(undefined)).active).toMatchObject({
      id: 'team-pack',
      version: '1',
      source: 'url',
      sourceUrl: url,
    });
    expect((await s.handlers.getPackInfo(undefined)).pending).toBeNull();

    clock.advance(6 * HOUR);
    expect(await s.events.onAlarm({ name: 'as-team-pack' })).toBeUndefined();
    expect(srv.calls[1]).toMatchObject({ 'if-none-match': '"v1"' });
    expect((await s.handlers.getPackInfo(undefined)).team).toMatchObject({ result: 'not-modified' });

    const bad = await s.handlers.refreshTeamPack(undefined);
    expect(bad.result).toBe('error');
    expect(bad.etag).toBeUndefined(); // after an error the next refresh asks for the whole file
    const down = await s.handlers.refreshTeamPack(undefined);
    expect(down).toMatchObject({ result: 'error', error: 'HTTP 500' });
    expect(srv.calls[3]!['if-none-match']).toBeUndefined();
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

describe('team pack download (review M1)', () => {
  const url = 'https://packs.example.com/team.json';

  /** A fetch answering `respond`, honouring `redirect: 'error'` as browsers do (a redirect then fails the request). */
  function fetchWith(respond: (init: RequestInit) => Response | { redirectTo: string; then: Response }) {
    const inits: RequestInit[] = [];
    const fetchFn = vi.fn(async (_u: string | URL | Request, init?: RequestInit) => {
      inits.push(init ?? {});
      const r = respond(init ?? {});
      if (r instanceof Response) return r;
      if (init?.redirect === 'error') throw new TypeError('Failed to fetch');
      Object.defineProperty(r.then, 'url', { value: r.redirectTo });
      Object.defineProperty(r.then, 'redirected', { value: true });
      return r.then;
    });
    return { fetchFn: fetchFn as unknown as typeof fetch, inits };
  }

  async function worker(fetchFn: typeof fetch, settings: Record<string, unknown> = {}) {
    const s = sentinel(new Clock(NOW), { fetchFn });
    await s.handlers.saveSettings({ teamPack: { url, ...settings } });
    return s;
  }

  it('a redirect (to http, or to another origin) is refused, nothing staged', async () => {
    for (const to of ['http://plain.example.com:8080/pack.json', 'https://other.example.net/pack.json']) {
      freshProfile();
      const srv = fetchWith(() => ({ redirectTo: to, then: new Response(teamPack('2'), { status: 200 }) }));
      const s = await worker(srv.fetchFn);
      const status = await s.handlers.refreshTeamPack(undefined);
      expect(status.result, to).toBe('error');
      expect(srv.inits[0]!.redirect).toBe('error');
      expect((await s.handlers.getPackInfo(undefined)).pending).toBeNull();
    }
  });

  it('a Content-Length over the limit is refused before the body is read, with the true limit', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(65_536));
      },
    });
    const srv = fetchWith(
      () => new Response(body, { status: 200, headers: { 'content-length': '300000000' } }),
    );
    const s = await worker(srv.fetchFn);
    const status = await s.handlers.refreshTeamPack(undefined);
    expect(status).toMatchObject({ result: 'error' });
    expect(status.error).toMatch(/300,000,000 bytes \(at most 5,000,000 bytes, 5 MB\)/);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('a body without Content-Length is read with a byte cap and given up past it', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 1_000_000;
        c.enqueue(new Uint8Array(1_000_000).fill(0x20));
      },
    });
    const srv = fetchWith(() => new Response(body, { status: 200 }));
    const s = await worker(srv.fetchFn);
    const status = await s.handlers.refreshTeamPack(undefined);
    expect(status.result).toBe('error');
    expect(status.error).toMatch(/more than 5,000,000 bytes \(at most 5,000,000 bytes, 5 MB\)/);
    expect(sent).toBeLessThanOrEqual(7_000_000);
  });

  it('an oversized ETag is never kept (it would be sent back on every refresh)', async () => {
    const srv = fetchWith(
      () => new Response(teamPack('3'), { status: 200, headers: { etag: `"${'e'.repeat(60_000)}"` } }),
    );
    const s = await worker(srv.fetchFn);
    const status = await s.handlers.refreshTeamPack(undefined);
    expect(status.result).toBe('pending');
    expect(status.etag).toBeUndefined();
    await s.handlers.refreshTeamPack(undefined);
    expect((srv.inits[1]!.headers as Record<string, string>)['if-none-match']).toBeUndefined();
  });

  it('the administrator’s SHA-256 pin: another file is refused, the pinned one is staged', async () => {
    const json = teamPack('4');
    const pin = createHash('sha256').update(json, 'utf8').digest('hex');
    const srv = fetchWith(() => new Response(json, { status: 200 }));
    const wrong = await worker(srv.fetchFn, { sha256: 'a'.repeat(64) });
    const refused = await wrong.handlers.refreshTeamPack(undefined);
    expect(refused).toMatchObject({ result: 'error' });
    expect(refused.error).toMatch(/SHA-256 .* is not the one the administrator set/);
    expect((await wrong.handlers.getPackInfo(undefined)).pending).toBeNull();
    freshProfile();
    const right = await worker(fetchWith(() => new Response(json, { status: 200 })).fetchFn, {
      sha256: pin.toUpperCase(),
    });
    expect(await right.handlers.refreshTeamPack(undefined)).toMatchObject({ result: 'pending' });
  });

  it('the pin can be locked by enterprise policy', () => {
    const { settings, locked } = applyManaged(defaultSettings(), {
      teamPack: { url, sha256: 'b'.repeat(64) },
    });
    expect(settings.teamPack.sha256).toBe('b'.repeat(64));
    expect(locked).toContain('teamPack.sha256');
    expect(applyManaged(defaultSettings(), { teamPack: { sha256: 'not-a-hash' } }).rejected).toEqual([
      'teamPack.sha256',
    ]);
  });
});

describe('pack preview: what changes, and replies that send buyers elsewhere', () => {
  it('a file import is staged with its changes; nothing is active until the agent confirms; discard keeps the pack', async () => {
    const s = sentinel(new Clock(NOW));
    const json = teamPack('5', (p) => {
      const rules = p.rules as Array<Record<string, unknown>>;
      const reply = rules.find((r) => r.type === 'reply')!;
      reply.template =
        '亲，补偿已到账，请点击 https://tb-refund-claim.example/verify 领取，或加微信 kefu8888';
      rules.splice(
        rules.findIndex((r) => r.type === 'note'),
        1,
      );
      rules.push({ ...rules.find((r) => r.type === 'note')!, id: 'note-added-by-team' });
    });
    const staged = await s.handlers.importPack({ json });
    expect(staged.ok).toBe(true);
    if (!staged.ok) return;
    const { preview } = staged;
    expect(preview.counts).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(preview.changes.added.map((r) => r.id)).toEqual(['note-added-by-team']);
    expect(preview.flags).toEqual([
      expect.objectContaining({
        kind: 'link',
        text: expect.stringContaining('https://tb-refund-claim.example/verify') as string,
      }),
    ]);
    expect((await s.handlers.getPackInfo(undefined)).active.source).toBe('default');
    expect((await s.handlers.getPackInfo(undefined)).pending?.token).toBe(preview.token);
    expect(await s.handlers.decidePack({ token: preview.token, accept: false })).toEqual({
      ok: true,
      discarded: true,
    });
    const after = await s.handlers.getPackInfo(undefined);
    expect(after.active.source).toBe('default');
    expect(after.pending).toBeNull();
    // a stale token (another import replaced it) changes nothing
    expect(await s.handlers.decidePack({ token: preview.token, accept: true })).toMatchObject({ ok: false });
  });

  it('the default pack flags nothing', async () => {
    const { contactFlags } = await import('../../../core/rules/preview');
    expect(contactFlags(defaultPack)).toEqual([]);
  });
});
