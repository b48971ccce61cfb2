/**
 * The fixture back-office: which fixture page is served at which REAL back-office URL.
 *
 * The page-reader engineer owns `test/fixtures/pages/README.md`, a table of
 * `file → URL` rows. We read that table instead of keeping a second copy, so a fixture
 * added there is served by the e2e suite and by the demo (`npm start`) without edits here.
 * Used by the e2e harness and by test/demo/start.ts (plain Node: no vitest imports here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE_DIR = join(REPO_ROOT, 'test/fixtures/pages');

/** Hosts of the seller back-office (core/pages/urls.ts). */
export const BACK_OFFICE_HOSTS = [
  'myseller.taobao.com',
  'qn.taobao.com',
  'refund2.tmall.com',
  'refund2.taobao.com',
  'rights.taobao.com',
] as const;

export interface FixturePage {
  /** File name inside test/fixtures/pages/. */
  file: string;
  /** The real back-office URL the page is served at. */
  url: string;
  /** The README row's remaining cells (description), for the demo index. */
  note: string;
}

/**
 * Parse the fixture README table: every row with a `*.html` file and an `https://` URL.
 * Cells may wrap names in backticks or links; the first https URL on the row is the page URL.
 */
export function fixturePages(dir = FIXTURE_DIR): FixturePage[] {
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) return [];
  const rows: FixturePage[] = [];
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const file = /([\w.-]+\.html?)/.exec(line)?.[1];
    const url = /(https:\/\/[^\s|`)<>]+)/.exec(line)?.[1];
    if (!file || !url || !existsSync(join(dir, file))) continue;
    const cells = line
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    const note = cells
      .filter((c) => !c.includes(file) && !c.includes(url))
      .join(' · ')
      .replace(/`/g, '');
    rows.push({ file, url, note });
  }
  return rows;
}

export function readFixture(file: string, dir = FIXTURE_DIR): string {
  return readFileSync(join(dir, file), 'utf8');
}

/** The URL used to look a request up: without the hash. */
export function routeKey(url: string): string {
  return url.split('#')[0] ?? url;
}
