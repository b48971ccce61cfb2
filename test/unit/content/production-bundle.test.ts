import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, ensureBuilt } from '../../build-output';

/**
 * The pass marks (data-as-*: timings for the bench and the e2e harness) exist only in test
 * and measured builds: the production content script writes nothing of ours onto the
 * seller's <html>. Built here when missing or older than the sources.
 */
let scripts: Array<{ file: string; code: string }> = [];

beforeAll(() => {
  ensureBuilt('production');
  const manifest = JSON.parse(readFileSync(join(DIST.production, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[] }>;
  };
  const files = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  scripts = files.map((file) => ({ file, code: readFileSync(join(DIST.production, file), 'utf8') }));
}, 300_000);

describe('the production content script', () => {
  it('is the one that badges (the manifest injects it)', () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((s) => s.code.includes('aftersale-sentinel-badge'))).toBe(true);
  });

  it('contains no data-as- pass mark', () => {
    for (const s of scripts) expect(s.code.includes('data-as-'), s.file).toBe(false);
  });

  it('bundles no zod (it validates nothing: the worker does, and the page pays for every kilobyte)', () => {
    for (const s of scripts) expect(/\b_zod\b|\$ZodType/.test(s.code), s.file).toBe(false);
  });
});
