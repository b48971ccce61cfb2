import type { Citation } from '../model/guidance';

/**
 * The five seed documents the default pack cites (docs/after-sales-rules.md, "Sources").
 * Passages are named by their heading or first words, so a reader can find them with a text
 * search; test/fixtures/seed-citations.json records that each was found verbatim.
 */
export const SEEDS = {
  /** Tmall after-sales rules, a store's refund-reason training, rule complaints, points. */
  S0: '000_115cf04e18a9d6e4.txt',
  /** Taobao complaint flow, auto-confirm timers, recidivism (2014-12-26), service exams. */
  S1: '001_728823fed7ede9df.txt',
  /** Generic after-sales procedures; a clothing store's refund / quality playbook. */
  S2: '002_b1da580e580f31ed.txt',
  /** Tmall complaint handling (2019 delayed-shipping update), points, remedy ladder. */
  S3: '003_8e684185fd0e0614.txt',
  /** Generic e-commerce after-sales policies (low authority). */
  S4: '004_1c2da78c0be39c04.txt',
} as const;

export const SEED_FILES: readonly string[] = Object.values(SEEDS);

type Seed = keyof typeof SEEDS;

export function cite(seed: Seed, passage: string, authority: Citation['authority'] = 'platform'): Citation {
  return { source: SEEDS[seed], passage, authority };
}
