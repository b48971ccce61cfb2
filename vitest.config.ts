import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// vitest 5 reports failures with Map.groupBy (Node 21+). On Node 20 the reporter itself
// would crash and hide why a test failed, so the config (main process) adds it.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

// Two projects: `unit` (happy-dom, fake browser, fake-indexeddb) and `e2e`
// (real Chromium with the built extension, see test/e2e/README in the main README).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto', 'test/unit/setup/packaged-files.ts'],
          // Files share a worker's module cache: 54 s → 28 s per run (the suite runs 3× in npm test).
          // Tests reset their own state (fakeBrowser.reset(), fresh IndexedDB names / deleteDatabase).
          isolate: false,
          // A hang guard, not a speed budget: the 400-row page tests take 1–2 s alone and up to
          // 13 s on a 2-core machine shared with builds (5 s timed out there).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file launches its own Chromium; two at a time fit this 2-core machine (108 s → ~80 s).
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
