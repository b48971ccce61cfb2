import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate } from '../../../core/index';
import { generateCases } from '../../bench/cases';
import { jreAnswer, makeJre, ourAnswer, sameAnswer, type Answer } from '../../models/jre-model';

/**
 * Our engine against an independent model of its main decisions written as json-rules-engine
 * rules (test/models/jre-model.ts): compensation trigger and amount, intervention-open and
 * seller-response, on the bench's 10,000 seeded cases. Every answer must be the same, so a
 * change of the engine (or a speed-up) that alters a decision fails here.
 */
describe('engine vs the json-rules-engine model', () => {
  it('gives the same answers on 10,000 seeded cases', { timeout: 60_000 }, async () => {
    const cases = generateCases(10_000, 20261123);
    const jre = makeJre();
    const diffs: { i: number; ours: Answer; model: Answer }[] = [];
    let triggered = 0;
    let countdowns = 0;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const ours = ourAnswer(evaluate, defaultPack, c);
      const model = await jreAnswer(jre, c);
      if (ours.triggered) triggered++;
      if (ours.sellerResponse !== null && c.facts.platformCountdown !== undefined) countdowns++;
      if (!sameAnswer(ours, model)) diffs.push({ i, ours, model });
    }
    expect(diffs.slice(0, 3)).toEqual([]);
    expect(diffs).toHaveLength(0);
    // The cases exercise both sides of every decision.
    expect(triggered).toBeGreaterThan(2000);
    expect(triggered).toBeLessThan(8000);
    expect(countdowns).toBeGreaterThan(1000);
  });
});
