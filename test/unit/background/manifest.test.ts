import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import config from '../../../wxt.config';
import { DIST, ensureBuilt } from '../../build-output';

/** Issue 7 item 7: only the permissions the code uses, only the back-office hosts. */

type Manifest = {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  storage?: { managed_schema?: string };
};

function sources(dir: string): string {
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .map((p) =>
      statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(p) ? readFileSync(p, 'utf8') : '',
    )
    .join('\n');
}
const code = sources(resolve('entrypoints'));
const USES: Record<string, RegExp> = {
  storage: /browser\.storage\.(session|managed|local)/,
  alarms: /browser\.alarms\./,
  notifications: /browser\.notifications\./,
  sidePanel: /browser\.sidePanel\./,
  contextMenus: /browser\.contextMenus\./,
  offscreen: /browser\.offscreen\b/,
  clipboardWrite: /execCommand\('copy'\)/,
};

function check(m: Manifest) {
  for (const p of m.permissions ?? []) {
    expect(USES[p], `permission "${p}" is not one the extension needs`).toBeDefined();
    expect(code, `permission "${p}" is declared but unused`).toMatch(USES[p]!);
  }
  expect(m.permissions).not.toContain('tabs');
  expect(m.permissions).not.toContain('<all_urls>');
  for (const h of m.host_permissions ?? [])
    expect(h).toMatch(/^https:\/\/(\*\.|[a-z0-9]+\.)?(tmall|taobao)\.com\/\*$/);
  // The team pack URL's origin is asked for at runtime (options page), never granted at install.
  expect(m.optional_host_permissions ?? []).toEqual(['https://*/*']);
  expect(m.storage?.managed_schema).toBe('managed_schema.json');
  expect(existsSync(resolve('public', m.storage!.managed_schema!))).toBe(true);
}

describe('manifest permissions', () => {
  it('wxt.config.ts declares only used permissions and back-office hosts', () => {
    const manifest = (config as { manifest: Manifest }).manifest;
    expect([...(manifest.permissions ?? [])].sort()).toEqual([
      'alarms',
      'clipboardWrite',
      'contextMenus',
      'notifications',
      'offscreen',
      'sidePanel',
      'storage',
    ]);
    check(manifest);
  });

  // Built here when missing or older than the sources: a build that fails fails this test.
  beforeAll(() => {
    ensureBuilt('production');
  }, 300_000);

  it('three keyboard commands, each with a suggested key and a description in both locales', () => {
    const built = JSON.parse(readFileSync(join(DIST.production, 'manifest.json'), 'utf8')) as {
      commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
    };
    const commands = built.commands ?? {};
    expect(Object.keys(commands).sort()).toEqual(['_execute_action', 'copy-first-reply', 'jump-most-urgent']);
    const zh = JSON.parse(readFileSync(resolve('public/_locales/zh_CN/messages.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const en = JSON.parse(readFileSync(resolve('public/_locales/en/messages.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const keys = new Set<string>();
    for (const [name, c] of Object.entries(commands)) {
      expect(c.suggested_key?.default, name).toMatch(/^Alt\+Shift\+[A-Z]$/);
      keys.add(c.suggested_key!.default!);
      const msg = /^__MSG_(\w+)__$/.exec(c.description ?? '')?.[1];
      expect(msg && zh[msg] && en[msg], `${name}: description in both locales`).toBeTruthy();
    }
    expect(keys.size).toBe(3);
  });

  it('the built Chrome manifest too', () => {
    check(JSON.parse(readFileSync(join(DIST.production, 'manifest.json'), 'utf8')) as Manifest);
  });
});
