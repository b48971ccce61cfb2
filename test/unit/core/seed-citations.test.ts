import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPack, SEED_FILES } from '../../../core/index';
import {
  checkAgainstFixture,
  deriveFixture,
  fixtureJson,
  readFixture,
  seedDir,
  type SeedFixture,
} from '../../../scripts/seed-citations';

/**
 * Every passage the default pack cites was found verbatim in its seed document when
 * test/fixtures/seed-citations.json was generated (`npm run seeds:fixture`, which refuses to
 * write otherwise). Without the seeds (CI) the pack is checked against that file; with them
 * the file is derived again and must not have drifted.
 */
const fixture = readFixture();

describe('seed citations: the pack against the committed fixture', () => {
  it('knows exactly the five seed documents, each with a SHA-256 of its normalised text', () => {
    expect(Object.keys(fixture.seeds).sort()).toEqual([...SEED_FILES].sort());
    for (const s of Object.values(fixture.seeds)) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const p of fixture.passages)
      expect(p.at + p.passage.replace(/\s+/g, '').length, p.passage).toBeLessThanOrEqual(
        fixture.seeds[p.source]!.chars,
      );
  });

  it('vouches for every passage the default pack cites (same seed, same text), and for no other', () => {
    expect(checkAgainstFixture(defaultPack, fixture)).toEqual({ unvetted: [], stale: [] });
  });

  it('catches an edited passage, an unknown seed and a passage no longer cited', () => {
    const rule = defaultPack.rules[0]!;
    const edited = {
      rules: [{ ...rule, citation: { ...rule.citation, passage: `${rule.citation.passage}（改）` } }],
    };
    expect(checkAgainstFixture(edited, fixture).unvetted).toEqual([
      `${rule.citation.source}: ${rule.citation.passage}（改）`,
    ]);
    const renamed = { rules: [{ ...rule, citation: { ...rule.citation, source: '005_unknown.txt' } }] };
    expect(checkAgainstFixture(renamed, fixture).unvetted).toEqual([
      `005_unknown.txt: ${rule.citation.passage}`,
    ]);
    expect(checkAgainstFixture({ rules: [] }, fixture).stale).toHaveLength(fixture.passages.length);
  });
});

describe('seed citations: deriving the fixture', () => {
  it('hashes the whitespace-free text, finds passages across line breaks, and reports a passage not in its seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    try {
      for (const f of SEED_FILES) writeFileSync(join(dir, f), `${f} 的正文\n卖家须在24\n小时内进行处理`);
      const pack = {
        rules: [
          {
            citation: { source: SEED_FILES[1], passage: '卖家须在24小时内 进行处理', authority: 'platform' },
          },
          { citation: { source: SEED_FILES[2], passage: '不在资料里', authority: 'platform' } },
        ],
      };
      const { fixture: f, missing } = deriveFixture(dir, pack);
      const squashed = `${SEED_FILES[1]}的正文卖家须在24小时内进行处理`;
      expect(f.seeds[SEED_FILES[1]!]).toEqual({
        sha256: createHash('sha256').update(squashed, 'utf8').digest('hex'),
        chars: squashed.length,
      });
      expect(f.passages).toEqual([
        { source: SEED_FILES[1], passage: '卖家须在24小时内 进行处理', at: `${SEED_FILES[1]}的正文`.length },
      ]);
      expect(missing).toEqual([`${SEED_FILES[2]}: 不在资料里`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('seed citations: re-derived from the seed documents when they are on this machine', () => {
  const dir = seedDir();
  it.skipIf(!dir)(
    'matches the committed fixture byte for byte (else: npm run seeds:fixture, and check why the seeds or citations changed)',
    () => {
      const { fixture: derived, missing } = deriveFixture(dir!);
      expect(missing).toEqual([]);
      expect(fixtureJson(derived)).toBe(fixtureJson(fixture satisfies SeedFixture));
    },
  );
});
