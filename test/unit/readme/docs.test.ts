import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_KEYS } from '../../../core/model/vocabulary';
import { LABEL_TO_KEY } from '../../../core/pages/labels';
import { normalizeLabel } from '../../../core/text/normalize';

/** docs/ is the repository's own copy of the domain knowledge the code relies on: it must stay true and self-contained. */
const ROOT = join(__dirname, '../../..');
const DOCS = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

/** Every Markdown and TypeScript file of the repository (not dependencies, builds or caches). */
function sources(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.') || name === 'node_modules') return [];
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(md|ts|tsx|json|js)$/.test(name) && name !== 'package-lock.json' ? [relative(ROOT, p)] : [];
  });
}

describe('docs/', () => {
  it('holds the five domain documents', () => {
    expect(DOCS.sort()).toEqual([
      'after-sales-rules.md',
      'back-office-pages.md',
      'panel-fields.md',
      'rules-audit.md',
      'security-review.md',
    ]);
  });

  it('panel-fields.md lists every facts key once, with exactly the labels core/pages/labels.ts reads', () => {
    const rows = [...read('docs/panel-fields.md').matchAll(/^\|\s*(\w+)\s*\|\s*([^|]+?)\s*\|/gm)]
      .map((m) => [m[1]!, m[2]!] as const)
      .filter(([key]) => key !== 'key');
    expect(rows.map(([key]) => key)).toEqual([...FACT_KEYS]);
    const byKey = new Map<string, string[]>();
    for (const [label, key] of LABEL_TO_KEY) byKey.set(key, [...(byKey.get(key) ?? []), label]);
    for (const [key, labels] of rows) {
      if (key === 'platformCountdown') continue; // read from timer elements and columns, not by a label
      const documented = labels.split(',').map((l) => normalizeLabel(l.trim()));
      expect(documented.sort(), key).toEqual([...(byKey.get(key) ?? [])].sort());
    }
  });

  it('every link and every repository path named in docs/ and the README exists', () => {
    const missing: string[] = [];
    for (const doc of [...DOCS.map((d) => `docs/${d}`), 'README.md', 'ARCHITECTURE.md']) {
      const text = read(doc);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        if (!existsSync(join(ROOT, dirname(doc), target!))) missing.push(`${doc}: ${target}`);
      }
      for (const [, path] of text.matchAll(
        /`((?:core|cli|components|entrypoints|protocol|scripts|test|docs)\/[\w./-]+\.(?:ts|tsx|md|json|html))`/g,
      )) {
        if (!existsSync(join(ROOT, path!))) missing.push(`${doc}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('nothing in the repository points at documents outside it; only the seed tools name where the seeds sit', () => {
    const outside = /shared\/domain|DEVELOPERS\.md|\bbrief\b/i;
    const seeds = /shared\/seeds/;
    const seedTools = ['scripts/seed-citations.ts', 'docs/after-sales-rules.md', 'README.md'];
    const self = 'test/unit/readme/docs.test.ts';
    const found = sources().filter(
      (f) => f !== self && (outside.test(read(f)) || (!seedTools.includes(f) && seeds.test(read(f)))),
    );
    expect(found).toEqual([]);
  });
});
