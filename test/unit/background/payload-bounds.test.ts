import { beforeEach, describe, expect, it } from 'vitest';
import { z } from '../../../core/model/zod';
import { Clock, NOW, URL_DETAIL, freshProfile, sentinel, tab, tmallRefund } from './helpers';
import { LIMITS } from '../../../protocol/limits';
import { PAYLOAD_SCHEMAS } from '../../../protocol/schemas';
import { MAX_FACT_CHARS } from '../../../entrypoints/seller.content/reporter';

beforeEach(freshProfile);

type Node = { type?: unknown; maxLength?: number; enum?: unknown[]; const?: unknown; [k: string]: unknown };

/** Every `string` node of a JSON schema without a maxLength (enums and constants are bounded), by path. */
function unboundedStrings(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((c, i) => unboundedStrings(c, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    const n = node as Node;
    if (n.type === 'string' && n.maxLength === undefined && n.enum === undefined && n.const === undefined)
      out.push(path);
    for (const [k, c] of Object.entries(n)) unboundedStrings(c, `${path}.${k}`, out);
  }
  return out;
}

describe('every string of every payload schema is bounded', () => {
  it.each(Object.keys(PAYLOAD_SCHEMAS) as Array<keyof typeof PAYLOAD_SCHEMAS>)('%s', (type) => {
    const json = z.toJSONSchema(PAYLOAD_SCHEMAS[type], { unrepresentable: 'any', io: 'input' });
    expect(unboundedStrings(json, type, [])).toEqual([]);
  });

  it('the walk finds an unbounded string (the check can fail)', () => {
    const json = z.toJSONSchema(
      z.object({ a: z.string(), b: z.string().check(z.maxLength(3)), c: z.enum(['x']) }),
    );
    expect(unboundedStrings(json, 'x', [])).toEqual(['x.properties.a']);
  });

  it('the door takes every fact the content script sends (its cap is at most the door’s)', () => {
    expect(MAX_FACT_CHARS).toBeLessThanOrEqual(LIMITS.textChars);
  });
});

describe('over-long strings are refused at the door with their path', () => {
  const over = 'x'.repeat(LIMITS.textChars + 1);

  it('a 同意赔付 for an over-long case key, a negative or absurd amount, a fraction of a fen', async () => {
    const s = sentinel(new Clock(NOW));
    await expect(s.handlers.recordSettlement({ key: 'x'.repeat(5_000_000), amount: 30 })).rejects.toThrow(
      /recordSettlement: invalid payload — key: Too big/,
    );
    await expect(s.handlers.recordSettlement({ key: 'k', amount: -1 })).rejects.toThrow(/amount/);
    await expect(s.handlers.recordSettlement({ key: 'k', amount: 2_000_000 })).rejects.toThrow(
      /amount: Too big/,
    );
    await expect(s.handlers.recordSettlement({ key: 'k', amount: 0.001 })).rejects.toThrow(
      /amount: at most two decimals/,
    );
    await expect(s.handlers.deleteLedgerEntry({ seq: 1.5 })).rejects.toThrow(/seq/);
    expect(await (await s.store()).listLedger()).toHaveLength(0);
  });

  it('a team pack URL longer than a URL may be', async () => {
    const s = sentinel(new Clock(NOW));
    const url = `https://packs.example.com/${'a'.repeat(LIMITS.urlChars)}`;
    await expect(s.handlers.saveSettings({ teamPack: { url } })).rejects.toThrow(
      /saveSettings: invalid payload — teamPack\.url: Too big/,
    );
    // the patch is still strict and still checks refreshHours
    await expect(s.handlers.saveSettings({ teamPack: { refreshHours: 0 } })).rejects.toThrow(
      /teamPack\.refreshHours/,
    );
    await expect(s.handlers.saveSettings({ sneaky: 1 })).rejects.toThrow(/saveSettings: invalid payload/);
    expect((await s.handlers.getSettings(undefined)).teamPack.url).toBe('');
  });

  it('report facts: free text, digit ids and the adapter', async () => {
    const s = sentinel(new Clock(NOW));
    const report = (read: unknown) => s.handlers.reportPage({ url: URL_DETAIL, cases: [read] }, tab(7));
    await expect(report(tmallRefund({ reason: over }))).rejects.toThrow(/cases\[0\]\.facts\.reason: Too big/);
    await expect(report(tmallRefund({ refundId: '1'.repeat(LIMITS.textChars + 1) }))).rejects.toThrow(
      /cases\[0\]\.facts\.refundId: Too big/,
    );
    await expect(report({ ...tmallRefund(), adapter: 'a'.repeat(LIMITS.nameChars + 1) })).rejects.toThrow(
      /cases\[0\]\.adapter: Too big/,
    );
    await expect(report(tmallRefund({ activity: '聚划算'.repeat(300) }))).resolves.toMatchObject({
      cases: [{ key: 'tmall:refund:202611200001' }],
    });
  });
});
