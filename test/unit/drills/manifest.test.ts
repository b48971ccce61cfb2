import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../build-output';
import { BACK_OFFICE_MATCHES } from '../../../core/pages/urls';

/**
 * Drill 7a — permissions. Reads the BUILT manifests (.output/chrome-mv3 and edge-mv3; builds
 * the Chrome one first when missing or stale) and fails on `<all_urls>`, the `tabs` permission,
 * wide host access, hosts beyond *.tmall.com / *.taobao.com, or a permission the source
 * never uses (and an API the source uses without its permission).
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const BUILDS = ['chrome-mv3', 'edge-mv3'].map((b) => join(ROOT, '.output', b, 'manifest.json'));
/** Where a pattern's host is a back-office host (exact subdomain or wildcard under it). */
const BACK_OFFICE_HOST = /^https:\/\/(\*\.|[a-z0-9-]+\.)*(tmall|taobao)\.com\/.*$/;
const WIDE = /<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\/|^\*:\/\/\*\.|^file:/;

/** chrome.* namespaces that need a manifest permission (the ones an extension like ours could touch). */
const NEEDS_PERMISSION: Record<string, string> = {
  alarms: 'alarms',
  notifications: 'notifications',
  sidePanel: 'sidePanel',
  storage: 'storage',
  contextMenus: 'contextMenus',
  cookies: 'cookies',
  history: 'history',
  downloads: 'downloads',
  scripting: 'scripting',
  webRequest: 'webRequest',
  declarativeNetRequest: 'declarativeNetRequest',
  webNavigation: 'webNavigation',
  identity: 'identity',
  offscreen: 'offscreen',
  idle: 'idle',
  management: 'management',
  bookmarks: 'bookmarks',
  topSites: 'topSites',
  debugger: 'debugger',
  tabGroups: 'tabGroups',
  geolocation: 'geolocation',
};
/** Permissions that are not a namespace: used when the source does this. */
const USED_BY_CODE: Record<string, RegExp> = {
  // execCommand('copy') without a click in the page (the offscreen document of the copy shortcut)
  clipboardWrite: /execCommand\('copy'\)/,
};

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
  web_accessible_resources?: Array<{ matches?: string[] }>;
  content_security_policy?: { extension_pages?: string };
  externally_connectable?: unknown;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}
/** Code without comments (a namespace named in a comment is no use). */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

let manifests: Array<{ file: string; m: Manifest }> = [];
let used: Set<string>;
let sources: string[];

beforeAll(() => {
  // Build when missing, or when older than the sources (test/build-output.ts).
  ensureBuilt('production');
  manifests = BUILDS.filter((f) => existsSync(f)).map((file) => ({
    file,
    m: JSON.parse(readFileSync(file, 'utf8')) as Manifest,
  }));
  sources = [...sourceFiles(join(ROOT, 'entrypoints')), ...sourceFiles(join(ROOT, 'components'))];
  used = new Set<string>();
  for (const f of sources) for (const m of code(f).matchAll(/\b(?:browser|chrome)\.(\w+)/g)) used.add(m[1]!);
}, 300_000);

describe('drill: the built manifest asks only for what is used, only on the back-office hosts', () => {
  it('reads the built Chrome manifest (and Edge when built), rebuilt when older than the sources', () => {
    expect(manifests.map((x) => x.file)).toContain(BUILDS[0]);
  });

  it('no host permissions (the content script needs only its matches); no <all_urls>, no wide patterns', () => {
    for (const { m } of manifests) {
      expect(m.host_permissions ?? []).toEqual([]);
      for (const p of [
        ...(m.permissions ?? []),
        ...(m.optional_permissions ?? []),
        ...(m.host_permissions ?? []),
      ])
        expect(p).not.toMatch(WIDE);
    }
  });

  it('content scripts and web-accessible resources match back-office hosts only', () => {
    for (const { m } of manifests) {
      const matches = [
        ...(m.content_scripts ?? []).flatMap((c) => c.matches),
        ...(m.web_accessible_resources ?? []).flatMap((w) => w.matches ?? []),
      ];
      expect(matches.length).toBeGreaterThan(0);
      for (const p of matches) expect(p).toMatch(BACK_OFFICE_HOST);
      expect(m.externally_connectable).toBeUndefined();
    }
  });

  it('the content script runs at exactly the match patterns of core/pages/urls.ts, in frames too', () => {
    for (const { m } of manifests) {
      const scripts = (m.content_scripts ?? []) as Array<{ matches: string[]; all_frames?: boolean }>;
      expect(scripts).toHaveLength(1);
      expect([...scripts[0]!.matches].sort()).toEqual([...BACK_OFFICE_MATCHES].sort());
      expect(scripts[0]!.all_frames).toBe(true);
    }
  });

  it('no `tabs` permission and no permission that reads or rewrites browsing (cookies, history, webRequest, scripting, debugger)', () => {
    for (const { m } of manifests) {
      const all = [...(m.permissions ?? []), ...(m.optional_permissions ?? [])];
      for (const p of [
        'tabs',
        'cookies',
        'history',
        'webRequest',
        'webRequestBlocking',
        'scripting',
        'debugger',
        'webNavigation',
        'management',
        'clipboardRead',
      ])
        expect(all).not.toContain(p);
    }
  });

  it('every permission is used by the source, and every permissioned API the source uses is declared', () => {
    const declared = new Set(manifests[0]!.m.permissions ?? []);
    const byCode = (p: string) =>
      USED_BY_CODE[p] !== undefined && sources.some((f) => USED_BY_CODE[p]!.test(code(f)));
    const unused = [...declared].filter(
      (p) => !byCode(p) && !Object.entries(NEEDS_PERMISSION).some(([ns, perm]) => perm === p && used.has(ns)),
    );
    expect(unused).toEqual([]);
    const undeclared = [...used].filter((ns) => NEEDS_PERMISSION[ns] && !declared.has(NEEDS_PERMISSION[ns]));
    expect(undeclared).toEqual([]);
  });

  it('optional host access (team pack URL) is only ever requested for the one origin the agent typed', () => {
    // wxt.config.ts lists `https://*/*` as OPTIONAL (never granted at install) so the options
    // page can ask for the team-pack URL's own origin; the request must be that origin only.
    for (const { m } of manifests)
      for (const p of m.optional_host_permissions ?? []) expect(p).toMatch(/^https:\/\//);
    const requests = sources.flatMap((f) =>
      [...code(f).matchAll(/permissions\.request\(([^)]*\)?)/g)].map((x) => `${f}: ${x[1]}`),
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r).toMatch(/origins:\s*\[\s*originPattern\(/);
  });

  it('no remote code: the extension-page CSP is not loosened', () => {
    for (const { m } of manifests) {
      const csp = m.content_security_policy?.extension_pages ?? '';
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:\/\/|\*/);
    }
  });
});
