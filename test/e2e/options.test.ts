/**
 * Options page, rule packs: the agent exports the active pack, edits it (new version) and
 * imports it → the preview shows what changed → confirmed, it becomes active; a malformed pack is refused with the zod path shown and
 * the previous pack stays active.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, waitForBadges, type Harness } from './harness';

let h: Harness;
let options: Page;
let exported: { id: string; version: string; rules: Array<Record<string, unknown>> } & Record<
  string,
  unknown
>;

async function activePack(page: Page): Promise<string> {
  const el = page.locator('[data-testid="active-pack"]').first();
  await el.waitFor();
  return ((await el.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function importJson(page: Page, json: string, name: string): Promise<void> {
  await page
    .locator('input[type=file][data-testid="pack-file"]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
}

beforeAll(async () => {
  h = await launch();
  options = await h.openOptions();
  await activePack(options);
  // Export the active (default) pack the way an agent does: the export button → a JSON file.
  const download = options.waitForEvent('download', { timeout: 10_000 });
  await options.locator('button[data-testid="pack-export"]').click();
  const file = await (await download).path();
  exported = JSON.parse(readFileSync(file, 'utf8')) as typeof exported;
});
afterAll(async () => {
  await h?.close();
});

describe('options: rule packs', () => {
  it('exports the active pack as JSON naming the pack shown as active', async () => {
    expect(typeof exported.id).toBe('string');
    expect(exported.rules.length).toBeGreaterThan(0);
    const shown = await activePack(options);
    expect(shown).toContain(exported.id);
    expect(shown).toContain(exported.version);
  });

  it('imports a modified copy with a new version: it becomes the active pack and decides the verdicts', async () => {
    const newVersion = `${exported.version}-e2e.1`;
    // The team's edit: compensation at 20 % instead of 30 % (500.00 paid → 100.00 instead of 150.00).
    const modified = structuredClone(exported);
    modified.version = newVersion;
    let edited = 0;
    for (const r of modified.rules) {
      if (r['type'] === 'compensation' && r['basisPoints'] === 3000) {
        r['basisPoints'] = 2000;
        edited++;
      }
    }
    expect(edited, 'the default pack has 30 % compensation rules').toBeGreaterThan(0);
    await importJson(options, JSON.stringify(modified, null, 2), 'team-pack.json');
    // Not active yet: the preview names the changed rules, and the agent confirms.
    const pending = options.locator('[data-testid="pack-pending"]');
    await pending.waitFor({ timeout: 10_000 });
    expect(await options.locator('[data-testid="pack-changed"]').getAttribute('data-count')).toBe(
      String(edited),
    );
    expect(await activePack(options)).not.toContain(newVersion);
    await options.locator('button[data-testid="pack-confirm"]').click();
    await expect.poll(() => activePack(options), { timeout: 10_000 }).toContain(newVersion);
    expect(await options.locator('[data-testid="pack-error"]').filter({ hasText: /\S/ }).count()).toBe(0);
    // It survives a reload (stored, not just shown).
    await options.reload();
    expect(await activePack(options)).toContain(newVersion);
    // The refund detail (卖家缺货, 500.00 paid) is now judged by the imported pack.
    const page = await h.open('https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001');
    await waitForBadges(page);
    await page.bringToFront();
    const panel = await h.openSidePanel();
    const verdict = panel.locator('[data-testid="case"] [data-testid="verdict"]').first();
    await verdict.waitFor({ timeout: 10_000 });
    expect(await verdict.textContent()).toContain('100.00');
    await panel.close();
    await page.close();
  });

  it('refuses a malformed pack with the zod path shown, and the previous pack stays active', async () => {
    const before = await activePack(options);
    const broken = structuredClone(exported);
    broken.version = `${exported.version}-broken`;
    const rule = broken.rules[1] as { citation?: Record<string, unknown> };
    rule.citation = { ...(rule.citation ?? {}), source: 42 };
    await importJson(options, JSON.stringify(broken), 'broken-pack.json');
    const error = options.locator('[data-testid="pack-error"]').first();
    await error.waitFor({ timeout: 10_000 });
    const text = ((await error.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toMatch(/rules[.[\]]*1[.[\]]*citation[.[\]]*source/);
    expect(await activePack(options)).toBe(before);
    await options.reload();
    expect(await activePack(options)).toBe(before);
  });

  it('refuses a file that is not JSON, with a message, and keeps the active pack', async () => {
    const before = await activePack(options);
    await importJson(options, '{ "id": "half a pack", ', 'truncated.json');
    const error = options.locator('[data-testid="pack-error"]').first();
    await expect
      .poll(async () => ((await error.textContent()) ?? '').trim().length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await activePack(options)).toBe(before);
  });
});
