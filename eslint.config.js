import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer rule (DEVELOPERS.md "Architecture"): core/ is pure TypeScript.
// It imports nothing from WXT, the extension APIs, entrypoints/ or components/;
// only core/store/ may import idb.
const browserImports = [
  { group: ['wxt', 'wxt/*', '#imports', '@webext-core/*', 'webextension-polyfill'], message: 'core/ is pure: no WXT or extension imports.' },
  { group: ['**/entrypoints/**', '**/components/**'], message: 'core/ must not import the UI layers.' },
];
// One zod: schemas import `z` from core/model/zod.ts (zod/mini with its English messages loaded).
const zodMessage = "Import z from core/model/zod.ts: it loads zod's English messages (bare zod/mini says only 'Invalid input').";
const zodPaths = ['zod', 'zod/mini', 'zod/v4', 'zod/v4/core', 'zod/v4-mini', 'zod/v4/mini', 'zod/v4/classic'].map((name) => ({ name, message: zodMessage }));

export default tseslint.config(
  { ignores: ['.output/**', '.output-prof/**', '.wxt/**', 'node_modules/**', '.tmp/**', '.tmp-bench/**', '.vitest/**', 'test/e2e/screenshots/**', 'test/bench/results/**', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Scraped text is rendered as text, never as HTML.' }],
      'no-restricted-imports': ['error', { paths: zodPaths }],
    },
  },
  {
    files: ['core/**/*.{ts,tsx}'],
    ignores: ['core/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: zodPaths, patterns: [...browserImports, { group: ['idb', 'idb/*'], message: 'Only core/store/ touches IndexedDB.' }] }],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'core/ is pure: no extension APIs.' }, { name: 'browser', message: 'core/ is pure: no extension APIs.' }],
    },
  },
  {
    files: ['core/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: zodPaths, patterns: browserImports }],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'core/ is pure: no extension APIs.' }, { name: 'browser', message: 'core/ is pure: no extension APIs.' }],
    },
  },
  {
    files: ['core/model/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: browserImports }] },
  },
);
