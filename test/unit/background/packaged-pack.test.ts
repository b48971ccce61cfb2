import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPack, evaluate, parseRulePack } from '../../../core';
import { DEFAULT_PACK_FILE, readPackagedPack } from '../../../core/rules/packaged';
import { defaultPackJson } from '../../../core/rules/packaged-json';
import { coreRules } from '../../../entrypoints/background/rules';
import { DIST, ensureBuilt } from '../../build-output';
import { tmallRefund } from './helpers';

/** The default pack ships as data the worker reads (core/rules/packaged.ts), not inside its script. */
describe('the packaged default pack', () => {
  it('is the typed default pack, exactly, and valid against the schema without warnings', () => {
    const pack = readPackagedPack(defaultPackJson());
    expect(pack).toStrictEqual(defaultPack);
    expect(Object.isFrozen(pack.rules[0])).toBe(true);
    const parsed = parseRulePack(defaultPackJson());
    expect(parsed.ok && parsed.warnings).toEqual([]);
  });

  it('is what the worker evaluates with: read once, the same frozen object each time', async () => {
    const a = await coreRules.defaultPack();
    const b = await coreRules.defaultPack();
    expect(b).toBe(a);
    expect(a).toStrictEqual(defaultPack);
    expect(Object.isFrozen(a.rules)).toBe(true);
    const read = tmallRefund();
    const opts = { now: '2026-11-20T12:00:00+08:00', platform: 'tmall' as const, kind: 'refund' as const };
    expect(coreRules.evaluate(read.facts, a, opts)).toStrictEqual(evaluate(read.facts, defaultPack, opts));
  });

  describe('in the production build', () => {
    // Built here when missing or older than the sources: a build that fails fails this test.
    beforeAll(() => {
      ensureBuilt('production');
    }, 300_000);

    it('ships the file with the typed pack’s text, and the worker script without the pack', () => {
      const file = join(DIST.production, DEFAULT_PACK_FILE);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(defaultPackJson());
      const worker = readFileSync(join(DIST.production, 'background.js'), 'utf8');
      expect(worker).not.toContain(defaultPack.title.zh);
      expect(worker).not.toContain(defaultPack.rules[0]!.reason.zh);
    });
  });
});
