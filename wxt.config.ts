import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DEFAULT_PACK_FILE } from './core/rules/packaged';
import { defaultPackJson } from './core/rules/packaged-json';

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
  // The default rule pack ships as data beside the worker, which reads it once per lifetime
  // (core/rules/packaged.ts): the worker script stays code.
  hooks: {
    'prepare:publicPaths': (_wxt, paths) => {
      paths.push(DEFAULT_PACK_FILE);
    },
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: DEFAULT_PACK_FILE, contents: defaultPackJson() });
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // contextMenus: the toolbar button's menu entry for the shop's day (entrypoints/background/day-menu.ts).
    // offscreen + clipboardWrite: the copy-reply keyboard command writes the clipboard from the
    // offscreen document, without a click in it (entrypoints/offscreen, background/clipboard.ts).
    permissions: [
      'storage',
      'alarms',
      'notifications',
      'sidePanel',
      'contextMenus',
      'offscreen',
      'clipboardWrite',
    ],
    // Keyboard commands (entrypoints/background/keyboard-commands.ts); agents change the keys
    // at chrome://extensions/shortcuts (the options page lists them and links there).
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_cmd_open_panel__' },
      'copy-first-reply': {
        suggested_key: { default: 'Alt+Shift+V' },
        description: '__MSG_cmd_copy_reply__',
      },
      'jump-most-urgent': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_cmd_jump_urgent__',
      },
    },
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
