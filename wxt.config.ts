import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// No host permissions: the content script's matches (core/pages/urls.ts) are all the
// access it needs, and the worker fetches nothing from the back-office (README "Privacy").

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  // No auto-imported globals: every module says what it uses (import from '#imports').
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // contextMenus: the toolbar button's menu entry for the shop's day (entrypoints/background/day-menu.ts).
    permissions: ['storage', 'alarms', 'notifications', 'sidePanel', 'contextMenus'],
    // The team rule-pack URL's origin is requested at runtime (options page, on save) —
    // never granted at install. See README "Team rule pack".
    optional_host_permissions: ['https://*/*'],
    // Enterprise policy (Chrome/Edge): managed values override the agent's settings.
    storage: { managed_schema: 'managed_schema.json' },
    // chrome.sidePanel.open() (badge click → side panel) needs Chrome/Edge 116.
    minimum_chrome_version: '116',
    action: { default_title: '__MSG_extName__' },
  },
});
