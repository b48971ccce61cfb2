/**
 * Gzip sizes of the production build (`.output/chrome-mv3`), from its manifest:
 * - content script: every `content_scripts[].js` file (+ css) the manifest injects;
 * - side panel: the JS the side panel page loads — its `<script src>` and
 *   `<link rel=modulepreload>` files plus every chunk they import, transitively (shared
 *   chunks included);
 * - background: the service worker and every chunk it imports.
 * gzip level 9 (what `gzip -9` gives; stores serve roughly this).
 * Budgets (issue 6): content ≤ 30 KB, side panel ≤ 60 KB, background ≤ 60 KB. Enforced.
 * - the default rule pack's JSON (the data the worker reads once per lifetime): shown, no budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SIZE_DIST as DIST } from './build';
import { DEFAULT_PACK_FILE } from '../../core/rules/packaged';
import { info, judged, type Figure } from './report';

const KB = 1024;

function gz(buf: Buffer): number {
  return gzipSync(buf, { level: 9 }).length;
}

/** dist-relative path of a URL/specifier as used inside a built file. */
function resolveSpec(fromRel: string, spec: string): string | null {
  if (/^(https?:|data:|chrome-extension:)/.test(spec)) return null;
  if (spec.startsWith('/')) return spec.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromRel), spec));
}

const IMPORT_RE =
  /(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bexport\s*[\w*{}\s,$]*\s*from\s*|\bimport\s*\(\s*)["'`]([^"'`]+\.js)["'`]/g;

/** A JS file and everything it imports (static and dynamic), dist-relative paths. */
function jsClosure(entries: string[], dist = DIST): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const rel = todo.pop()!;
    if (seen.has(rel)) continue;
    const abs = join(dist, rel);
    if (!existsSync(abs)) throw new Error(`built file missing: ${rel}`);
    seen.add(rel);
    const src = readFileSync(abs, 'utf8');
    for (const m of src.matchAll(IMPORT_RE)) {
      const dep = resolveSpec(rel, m[1]!);
      if (dep && !seen.has(dep)) todo.push(dep);
    }
  }
  return [...seen].sort();
}

function htmlScripts(htmlRel: string, dist: string): string[] {
  const html = readFileSync(join(dist, htmlRel), 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g))
    out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\bhref=["']([^"']+\.js)["'][^>]*\brel=["']modulepreload["']/g))
    out.push(m[1]!);
  return out.map((s) => resolveSpec(htmlRel, s)).filter((s): s is string => !!s);
}

function sumGzip(
  files: string[],
  dist: string,
): { gzip: number; raw: number; files: Record<string, number> } {
  let gzip = 0;
  let raw = 0;
  const per: Record<string, number> = {};
  for (const f of files) {
    const buf = readFileSync(join(dist, f));
    const g = gz(buf);
    per[f] = g;
    gzip += g;
    raw += buf.length;
  }
  return { gzip, raw, files: per };
}

interface Manifest {
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: Array<{ js?: string[]; css?: string[] }>;
  side_panel?: { default_path?: string };
}

export function measureSizes(dist = DIST): Figure[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
  const figs: Figure[] = [];
  const one = (id: string, name: string, files: string[], limitKb: number) => {
    const s = sumGzip(files, dist);
    figs.push(
      judged(
        {
          id,
          figure: name,
          value: Math.round((s.gzip / KB) * 10) / 10,
          unit: 'KB gzip',
          enforced: true,
          note: `${files.length} file(s), ${(s.raw / KB).toFixed(1)} KB raw`,
          detail: { files: s.files, rawBytes: s.raw, gzipBytes: s.gzip },
        },
        '<=',
        limitKb,
        `≤ ${limitKb} KB gzip`,
      ),
    );
  };

  const cs = manifest.content_scripts ?? [];
  const csFiles = cs.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  if (!csFiles.length) throw new Error('manifest has no content_scripts');
  one(
    'size.content',
    'content script size',
    [
      ...new Set([
        ...jsClosure(
          csFiles.filter((f) => f.endsWith('.js')),
          dist,
        ),
        ...csFiles.filter((f) => f.endsWith('.css')),
      ]),
    ],
    30,
  );

  const panel = manifest.side_panel?.default_path;
  if (!panel) throw new Error('manifest has no side_panel.default_path');
  one(
    'size.sidepanel',
    'side panel JS size (all chunks it loads)',
    jsClosure(htmlScripts(panel, dist), dist),
    60,
  );

  const bg = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  if (!bg) throw new Error('manifest has no background');
  one('size.background', 'background worker size', jsClosure([bg], dist), 60);

  // The default rule pack is data the worker reads once per lifetime (core/rules/packaged.ts),
  // not script: shown beside the worker's size, without a budget of its own.
  const packFile = sumGzip([DEFAULT_PACK_FILE], dist);
  figs.push(
    info({
      id: 'size.pack',
      figure: 'default rule pack data (JSON the worker reads once)',
      value: Math.round((packFile.gzip / KB) * 10) / 10,
      unit: 'KB gzip',
      note: `${(packFile.raw / KB).toFixed(1)} KB raw; worker script + pack ${((sumGzip(jsClosure([bg], dist), dist).gzip + packFile.gzip) / KB).toFixed(1)} KB gzip`,
      detail: { rawBytes: packFile.raw, gzipBytes: packFile.gzip },
    }),
  );
  return figs;
}
