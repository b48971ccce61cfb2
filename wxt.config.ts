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
    action: { default_title: '__MSG_extName__' },
  },
});
