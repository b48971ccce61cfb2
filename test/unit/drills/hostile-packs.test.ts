import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultPack } from '../../../core';
import { createWorker, type BackgroundWorker } from '../../../entrypoints/background/worker';
import { coreRules } from '../../../entrypoints/background/rules';
import { PHISHING_TEMPLATES, phishingPack, workBombs } from '../../fixtures/packs/hostile';
import { URL_DETAIL, tab, tmallRefund } from '../background/helpers';

/**
 * Drill 2b — malicious-but-valid rule packs (issue 17, review H3), beside the malformed ones
 * (packs.test.ts). Work bombs (hours of evaluation or gigabytes of guidance per case with the
 * old engine) and phishing replies go through the options page's import path and through the
 * team URL. Wanted: 0 hangs, 0 silent activations — a bomb is refused with the limit it
 * breaks, a phishing pack waits for the agent with its replies flagged, and the active pack
 * never changes without the agent's confirmation. A bomb that is already active (installed
 * by an older build) marks cases "not evaluable" instead of holding the worker.
 */

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const TEAM_URL = 'https://packs.example.com/team.json';
const TEAM = (() => {
  const p = JSON.parse(JSON.stringify(defaultPack)) as Record<string, unknown>;
  p.id = 'team-pack-hostile-drill';
  p.version = '1.0';
  return JSON.stringify(p);
})();

let s: BackgroundWorker;
let served = '';
const dbName = `drill-hostile-packs-${Date.now()}`;

beforeAll(async () => {
  fakeBrowser.reset();
  (fakeBrowser.permissions as unknown as Record<string, unknown>).contains = vi.fn(async () => true);
  const fetchFn = vi.fn(async () => new Response(served, { status: 200 })) as unknown as typeof fetch;
  s = createWorker({ rules: coreRules, dbName, nowMs: () => NOW, broadcast: async () => undefined, fetchFn });
  const staged = await s.handlers.importPack({ json: TEAM });
  if (!staged.ok) throw new Error(staged.error);
  expect(await s.handlers.decidePack({ token: staged.preview.token, accept: true })).toMatchObject({
    ok: true,
  });
  await s.handlers.saveSettings({ teamPack: { url: TEAM_URL } });
});
afterAll(async () => {
  await s.settled();
  (await s.store()).close();
});

async function activeUnchanged() {
  const store = await s.store();
  expect((await store.getPack('active'))?.json).toBe(TEAM);
  expect((await s.handlers.getPackInfo(undefined)).active).toMatchObject({ id: 'team-pack-hostile-drill' });
}

describe('drill: work bombs through the import path and the team URL', () => {
  const bombs = workBombs();
  it('has the review’s bombs and bombs built to fit the import limits', () => {
    expect(bombs.filter((b) => b.stoppedBy === 'import').length).toBeGreaterThanOrEqual(5);
    expect(bombs.filter((b) => b.stoppedBy === 'budget').length).toBeGreaterThanOrEqual(3);
  });

  for (const bomb of bombs) {
    it(`refused with the limit it breaks, nothing staged or activated: ${bomb.name}`, async () => {
      const r = await s.handlers.importPack({ json: bomb.json });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(
        bomb.stoppedBy === 'import' ? /work limit|longer than/ : /more work than allowed/,
      );
      served = bomb.json;
      const team = await s.handlers.refreshTeamPack(undefined);
      expect(team.result).toBe('error');
      expect((await s.handlers.getPackInfo(undefined)).pending).toBeNull();
      await activeUnchanged();
    }, 60_000); // parsing a 5 MB pack twice under load (the machine is shared); a hang still fails
  }
});

describe('drill: phishing replies', () => {
  for (const template of PHISHING_TEMPLATES) {
    it(`flagged in the preview, active only once confirmed: ${template}`, async () => {
      const r = await s.handlers.importPack({ json: phishingPack(template) });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.preview.flags.length).toBeGreaterThanOrEqual(1);
      await activeUnchanged();
      expect(await s.handlers.decidePack({ token: r.preview.token, accept: false })).toEqual({
        ok: true,
        discarded: true,
      });
      await activeUnchanged();
    });
  }

  it('from the team URL: staged with its flags, never active by itself', async () => {
    served = phishingPack();
    expect(await s.handlers.refreshTeamPack(undefined)).toMatchObject({ result: 'pending' });
    const { pending } = await s.handlers.getPackInfo(undefined);
    expect(pending?.flags[0]).toMatchObject({ kind: 'link' });
    await activeUnchanged();
    await s.handlers.decidePack({ token: pending!.token, accept: false });
  });
});

describe('drill: a bomb that is already active (an older build installed it)', () => {
  it('a 300-case report answers; every case is marked not evaluable, with the reason', async () => {
    const bomb = workBombs().find((b) => b.stoppedBy === 'budget')!;
    const installed = await s.packs.importJson(bomb.json, 'file');
    expect(installed.ok).toBe(true);
    // the worker restarts (as after the update) and reads the stored pack
    const w = createWorker({ rules: coreRules, dbName, nowMs: () => NOW, broadcast: async () => undefined });
    const cases = Array.from({ length: 300 }, (_, i) =>
      tmallRefund({ refundId: String(202611230000 + i), orderId: String(3921845507000000 + i) }, i),
    );
    const answer = await w.handlers.reportPage({ url: URL_DETAIL, cases, answer: 'badges' as const }, tab(1));
    expect(answer.cases).toHaveLength(300);
    expect(
      answer.cases.every((c) => c.guidance.unevaluated !== undefined && c.guidance.deadlines.length === 0),
    ).toBe(true);
    const full = await w.handlers.getCase({ key: answer.cases[0]!.key, tabId: 1 });
    expect(full.case?.guidance.warnings.map((w) => w.code)).toEqual(['pack-limit']);
    expect(full.case?.guidance.unevaluated?.zh).toContain('规则包');
    await w.handlers.resetPack(undefined);
    await w.settled();
    (await w.store()).close();
  });
});
