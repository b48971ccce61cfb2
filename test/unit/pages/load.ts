/** Test helpers: parse a fixture page (or an HTML string) the way the CLI does, with happy-dom's DOMParser. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

/**
 * Where a saved page is read from when the back office has no known URL for it (complaint
 * details): a file, read with the agent's platform, as `npm run guidance` does.
 */
export const SAVED_PAGE = 'file:///home/agent/page.html';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/pages');

export function parseHtml(html: string, url = 'https://refund2.tmall.com/dispute/detail.htm'): Document {
  const window = new Window({ url });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export function fixtureHtml(file: string): string {
  return readFileSync(join(FIXTURES, file), 'utf8');
}

export function loadFixture(file: string, url?: string): Document {
  return parseHtml(fixtureHtml(file), url);
}
