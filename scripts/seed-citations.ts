/**
 * `npm run seeds:fixture`: vendors what the citation tests need from the seed documents.
 *
 * The five seed documents (Chinese, see docs/after-sales-rules.md) are not in the repository.
 * This script reads them (from $SEEDS_DIR, else ../shared/seeds beside the repository), checks
 * that every passage the default pack cites occurs verbatim in the seed it names, and writes
 * test/fixtures/seed-citations.json: each seed's name with a SHA-256 of its normalised text,
 * and each cited passage with its seed and where it starts. It refuses to write when a passage
 * is missing. test/unit/core/seed-citations.test.ts checks the pack against that file on every
 * run, and re-derives it (failing on any drift) whenever the seeds are present.
 *
 * Normalised text: every run of whitespace removed (the seeds wrap lines mid-sentence).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultPack, SEED_FILES } from '../core/rules';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE_FILE = join(ROOT, 'test/fixtures/seed-citations.json');

interface CitedPassage {
  source: string;
  passage: string;
  /** Index of the normalised passage in the normalised seed text (first occurrence). */
  at: number;
}
export interface SeedFixture {
  normalisation: string;
  seeds: Record<string, { sha256: string; chars: number }>;
  passages: CitedPassage[];
}

const NORMALISATION = 'all whitespace removed (JavaScript /\\s+/g); SHA-256 over the UTF-8 of the result';
const normalise = (s: string) => s.replace(/\s+/g, '');

/** The seed folder, or undefined when it is not on this machine (as on CI). */
export function seedDir(): string | undefined {
  const dir = process.env.SEEDS_DIR ? resolve(process.env.SEEDS_DIR) : resolve(ROOT, '../shared/seeds');
  return SEED_FILES.every((f) => existsSync(join(dir, f))) ? dir : undefined;
}

/** Every citation anywhere in a pack (rules, refusal `alsoCites`, …): objects with a source and a passage. */
function citationsOf(
  value: unknown,
  out: Array<{ source: string; passage: string }> = [],
): Array<{ source: string; passage: string }> {
  if (Array.isArray(value)) for (const v of value) citationsOf(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.source === 'string' && typeof o.passage === 'string')
      out.push({ source: o.source, passage: o.passage });
    else for (const v of Object.values(o)) citationsOf(v, out);
  }
  return out;
}

const key = (c: { source: string; passage: string }) => `${c.source}\u0000${c.passage}`;

/** The distinct cited passages of a pack, in a stable order (seed, then passage). */
function distinct(pack: unknown): Array<{ source: string; passage: string }> {
  const byKey = new Map(citationsOf(pack).map((c) => [key(c), c]));
  return [...byKey.values()].sort((a, b) =>
    a.source === b.source ? (a.passage < b.passage ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
}

/** Builds the fixture from the seeds in `dir`; `missing` lists passages not found verbatim. */
export function deriveFixture(
  dir: string,
  pack: unknown = defaultPack,
): { fixture: SeedFixture; missing: string[] } {
  const seeds: SeedFixture['seeds'] = {};
  const text = new Map<string, string>();
  for (const file of [...SEED_FILES].sort()) {
    const t = normalise(readFileSync(join(dir, file), 'utf8'));
    text.set(file, t);
    seeds[file] = { sha256: createHash('sha256').update(t, 'utf8').digest('hex'), chars: t.length };
  }
  const passages: CitedPassage[] = [];
  const missing: string[] = [];
  for (const c of distinct(pack)) {
    const at = text.get(c.source)?.indexOf(normalise(c.passage)) ?? -1;
    if (at < 0) missing.push(`${c.source}: ${c.passage}`);
    else passages.push({ ...c, at });
  }
  return { fixture: { normalisation: NORMALISATION, seeds, passages }, missing };
}

/**
 * What a pack cites that the committed fixture does not vouch for (passage text not equal to
 * a vetted one of the same seed, or a seed the fixture does not know), and fixture entries
 * the pack no longer cites (the fixture is stale: regenerate it).
 */
export function checkAgainstFixture(
  pack: unknown,
  fixture: SeedFixture,
): { unvetted: string[]; stale: string[] } {
  const vetted = new Set(fixture.passages.filter((p) => fixture.seeds[p.source]).map(key));
  const cited = distinct(pack);
  const citedKeys = new Set(cited.map(key));
  return {
    unvetted: cited.filter((c) => !vetted.has(key(c))).map((c) => `${c.source}: ${c.passage}`),
    stale: fixture.passages.filter((p) => !citedKeys.has(key(p))).map((p) => `${p.source}: ${p.passage}`),
  };
}

export const readFixture = (): SeedFixture => JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as SeedFixture;
export const fixtureJson = (f: SeedFixture) => `${JSON.stringify(f, null, 2)}\n`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = seedDir();
  if (!dir) {
    console.error('seed documents not found: set SEEDS_DIR to the folder holding 000_…txt … 004_…txt');
    process.exitCode = 1;
  } else {
    const { fixture, missing } = deriveFixture(dir);
    if (missing.length) {
      console.error(
        `${missing.length} cited passage(s) not found verbatim in their seed; fixture not written:\n${missing.join('\n')}`,
      );
      process.exitCode = 1;
    } else {
      writeFileSync(FIXTURE_FILE, fixtureJson(fixture));
      console.log(
        `${FIXTURE_FILE}: ${fixture.passages.length} passages in ${Object.keys(fixture.seeds).length} seeds (from ${dir})`,
      );
    }
  }
}
