import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Host permissions are only the seller back-office domains (see README "Privacy").
export const BACK_OFFICE_MATCHES = ['https://*.tmall.com/*', 'https://*.taobao.com/*'];

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
    permissions: ['storage', 'alarms', 'notifications', 'sidePanel'],
    host_permissions: BACK_OFFICE_MATCHES,
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
