import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// The layer rule: core/ is pure TypeScript.
// It imports nothing from WXT, the extension APIs, entrypoints/ or components/;
// only core/store/ may import idb.
const browserImports = [
  {
    group: ['wxt', 'wxt/*', '#imports', '@webext-core/*', 'webextension-polyfill'],
    message: 'core/ is pure: no WXT or extension imports.',
  },
  { group: ['**/entrypoints/**', '**/components/**'], message: 'core/ must not import the UI layers.' },
];
// One zod: schemas import `z` from core/model/zod.ts (zod/mini with its English messages loaded).
const zodMessage =
  "Import z from core/model/zod.ts: it loads zod's English messages (bare zod/mini says only 'Invalid input').";
const zodPaths = [
  'zod',
  'zod/mini',
  'zod/v4',
  'zod/v4/core',
  'zod/v4-mini',
  'zod/v4/mini',
  'zod/v4/classic',
].map((name) => ({ name, message: zodMessage }));

// Context zones: each extension context (the worker, the content script, the side panel, the
// options page, the day page, the offscreen document …) is its own bundle and imports no other's
// folder; what they share lives in protocol/ (the message protocol), core/ (pure logic) and
// components/ (UI, not for the worker). Every folder of entrypoints/ is a context, so a new one
// is fenced from the start.
const CONTEXTS = readdirSync(join(import.meta.dirname, 'entrypoints'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const zones = [
  ...CONTEXTS.map((c) => ({
    target: `./entrypoints/${c}`,
    from: './entrypoints',
    except: [`./${c}`],
    message: 'A context imports no other entrypoint: share through protocol/, core/ or components/.',
  })),
  {
    target: './entrypoints/background',
    from: './components',
    message: 'The worker has no UI: components/ are for pages and badges.',
  },
  {
    target: './components',
    from: './entrypoints',
    message: 'components/ are shared by the contexts and import none of them.',
  },
  {
    target: './protocol',
    from: ['./entrypoints', './components'],
    message: 'protocol/ is shared by every context and imports none of them, nor the UI.',
  },
  {
    target: './core',
    from: './',
    except: ['./core', './node_modules'],
    message: 'core/ imports only itself (and its packages).',
  },
  {
    target: './cli',
    from: './',
    except: ['./cli', './core', './node_modules'],
    message: 'cli/ is a Node tool over core/: it imports no context, component or protocol.',
  },
  {
    target: ['./entrypoints', './components', './protocol'],
    from: './cli',
    message: 'cli/ is a Node tool, no part of the extension.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.output-prof/**',
      '.wxt/**',
      'node_modules/**',
      '.tmp/**',
      '.tmp-bench/**',
      '.vitest/**',
      'test/e2e/screenshots/**',
      'test/bench/results/**',
      '**/*.tmp.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // Type-checked rules (floating and misused promises, needless assertions …) through the
  // TypeScript project service: the same program `npm run typecheck` builds.
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Passing on a caught error as it came is fine; inventing a non-Error rejection is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Scraped text is rendered as text, never as HTML.',
        },
      ],
      'no-restricted-imports': ['error', { paths: zodPaths }],
    },
  },
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Test fakes of async browser APIs are written `async () => value`, and vitest asserts on
    // mocked methods (`expect(api.focusCase).toHaveBeenCalled…`), which unbound-method misreads.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/require-await': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['core/**/*.{ts,tsx}'],
    ignores: ['core/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: zodPaths,
          patterns: [
            ...browserImports,
            { group: ['idb', 'idb/*'], message: 'Only core/store/ touches IndexedDB.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'core/ is pure: no extension APIs.' },
        { name: 'browser', message: 'core/ is pure: no extension APIs.' },
      ],
    },
  },
  {
    files: ['core/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: zodPaths, patterns: browserImports }],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'core/ is pure: no extension APIs.' },
        { name: 'browser', message: 'core/ is pure: no extension APIs.' },
      ],
    },
  },
  {
    files: ['core/model/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: browserImports }] },
  },
  {
    // Rooms one can live in: no source file over 500 lines, no function over 120 (the default
    // pack is data, not code).
    files: [
      'core/**/*.{ts,tsx}',
      'components/**/*.{ts,tsx}',
      'entrypoints/**/*.{ts,tsx}',
      'protocol/**/*.ts',
      'cli/**/*.ts',
      'scripts/**/*.ts',
    ],
    ignores: ['core/rules/default-pack.ts'],
    rules: { 'max-lines': ['error', { max: 500 }], 'max-lines-per-function': ['error', { max: 120 }] },
  },
  // Plain JavaScript (this file) is outside the TypeScript program.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
