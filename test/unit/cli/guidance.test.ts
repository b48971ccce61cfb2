/**
 * The `guidance` command: JSON on stdout for facts files and saved pages; exit 2 and one line
 * on stderr, no stack trace, for every kind of bad input. Most cases call `runGuidance` (all
 * the command does besides writing its result); the real command, spawned as
 * `tsx cli/guidance.ts …` (what `npm run guidance --` runs), is checked for success,
 * for exit 2 and under two machine time zones.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGuidance } from '../../../cli/run';
import { FIXTURES } from '../pages/load';

const ROOT = resolve(FIXTURES, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'cli/guidance.ts');
const dir = mkdtempSync(join(tmpdir(), 'guidance-cli-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function spawnCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A case of the command's JSON output, as far as these tests read it. */
interface OutCase {
  kind: string;
  now: string;
  facts: { refundId?: string };
  unreadable: string[];
  compensation: { amount: string | null };
  deadlines: Array<{ id: string }>;
  warnings: Array<{ code: string; fields?: string[] }>;
}
const casesOf = (stdout: string): OutCase[] => (JSON.parse(stdout) as { cases: OutCase[] }).cases;

/** The command's work in this process: the same result the entry point writes and exits with. */
const run = (args: string[]) => runGuidance(args);

/** One line on stderr, naming the problem, with no stack frames. */
function expectOneLine(stderr: string, includes: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(includes);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const OUT_OF_STOCK = {
  reason: '卖家缺货',
  paidAmount: 500,
  paidAt: '2026-11-19T21:14:05+08:00',
  refundRequestedAt: '2026-11-20T10:02:37+08:00',
  tradeStatus: '买家已付款',
  platformCountdown: '剩余2天23时7分51秒',
};

describe.concurrent('guidance --facts', { timeout: 90_000 }, () => {
  it('one Facts object → one case: 500 yuan out of stock on Tmall → 150.00 (the real command)', async () => {
    const r = await spawnCli([
      '--facts',
      file('one.json', JSON.stringify(OUT_OF_STOCK)),
      '--now',
      '2026-11-20T10:05:00+08:00',
      '--platform',
      'tmall',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cases = casesOf(r.stdout);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      kind: 'refund',
      platform: 'tmall',
      facts: OUT_OF_STOCK,
      unreadable: [],
    });
    expect(cases[0]!.compensation).toMatchObject({ triggered: true, amount: '150.00' });
    expect(cases[0]!.deadlines.find((d) => d.id === 'seller-response')).toMatchObject({
      dueAt: '2026-11-23T09:12:51+08:00',
      source: 'platform',
    });
    for (const key of [
      'kind',
      'platform',
      'facts',
      'compensation',
      'deadlines',
      'penalties',
      'actions',
      'replies',
      'warnings',
      'unreadable',
    ])
      expect(cases[0]).toHaveProperty(key);
  });

  it('an array → one case each, in order; a 24 h ledger entry caps the second claim', async () => {
    const facts = [
      { ...OUT_OF_STOCK, paidAmount: 10, buyer: 'tb_a' },
      { ...OUT_OF_STOCK, paidAmount: 2399, buyer: 'tb_b' },
      { ...OUT_OF_STOCK, paidAmount: 2399, buyer: 'tb_c' },
    ];
    const ledger = [{ buyer: 'tb_c', amount: 400, at: '2026-11-20T08:00:00+08:00', kind: 'platform-payout' }];
    const r = await run([
      '--facts',
      file('many.json', JSON.stringify(facts)),
      '--now',
      '2026-11-20T10:05:00+08:00',
      '--platform',
      'tmall',
      '--ledger',
      file('ledger.json', JSON.stringify(ledger)),
    ]);
    expect(r.code).toBe(0);
    const cases = casesOf(r.stdout);
    expect(cases.map((c) => c.compensation.amount)).toEqual(['5.00', '500.00', '100.00']);
  });

  it('unreadable keys in the facts → amount null and the keys listed', async () => {
    const { paidAmount: _paid, ...rest } = OUT_OF_STOCK;
    const r = await run([
      '--facts',
      file('unreadable.json', JSON.stringify({ ...rest, unreadable: ['paidAmount'] })),
      '--now',
      '2026-11-20T10:05:00+08:00',
      '--platform',
      'tmall',
    ]);
    expect(r.code).toBe(0);
    const c = casesOf(r.stdout)[0]!;
    expect(c.unreadable).toEqual(['paidAmount']);
    expect(c.compensation.amount).toBeNull();
    expect(c.warnings.map((w) => w.code)).toContain('unreadable-field');
  });

  it('the same answer under another machine time zone', async () => {
    const args = [
      '--facts',
      file('tz.json', JSON.stringify(OUT_OF_STOCK)),
      '--now',
      '2026-11-20T02:05:00Z',
      '--platform',
      'tmall',
    ];
    const [a, b] = await Promise.all([
      spawnCli(args, { TZ: 'UTC' }),
      spawnCli(args, { TZ: 'America/Los_Angeles' }),
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(casesOf(a.stdout)[0]!.now).toBe('2026-11-20T10:05:00+08:00');
  });
});

describe.concurrent('guidance <page.html>', { timeout: 90_000 }, () => {
  it('a saved detail page → its panel read by label and evaluated', async () => {
    const r = await run([
      join(FIXTURES, 'refund-detail-tmall.html'),
      '--url',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001',
      '--now',
      '2026-11-20T10:05:00+08:00',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cases = casesOf(r.stdout);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      kind: 'refund',
      platform: 'tmall',
      adapter: 'refund-detail',
      facts: {
        refundId: '202611200001',
        reason: '卖家缺货',
        paidAmount: 500,
        platformCountdown: '剩余2天23时7分51秒',
      },
      compensation: { amount: '150.00' },
      unreadable: [],
    });
  });

  it('a list page → one case per row in page order', async () => {
    const r = await run([
      join(FIXTURES, 'refund-list-taobao.html'),
      '--url',
      'https://refund2.taobao.com/dispute/sellerDisputeList.htm',
      '--now',
      '2026-11-22T10:00:00+08:00',
    ]);
    expect(r.code).toBe(0);
    const cases = casesOf(r.stdout);
    expect(cases.map((c) => [c.facts.refundId, c.kind])).toEqual([
      ['202611210455', 'refund'],
      ['202611210460', 'refund'],
      ['202611200388', 'aftersale'],
      ['202611200390', 'refund'],
      ['202611190021', 'refund'],
      ['202611180007', 'refund'],
    ]);
    expect(cases[3]!.unreadable).toEqual(['buyer', 'paidAmount']);
  });

  it('--platform overrides the host; a page saved without --url is read by its labels', async () => {
    const r = await run([
      join(FIXTURES, 'complaint-detail-taobao.html'),
      '--platform',
      'tmall',
      '--now',
      '2026-11-21T09:48:00+08:00',
    ]);
    expect(r.code).toBe(0);
    const c = casesOf(r.stdout)[0]!;
    expect(c).toMatchObject({
      kind: 'complaint',
      platform: 'tmall',
      adapter: 'complaint-detail',
      facts: { complaintType: '未按约定时间发货', paidAmount: 100, shippingFee: 5 },
    });
  });

  it('--profile reaches every era: tmall-legacy pays 30 % as points with no 5-yuan minimum; a contradicting --platform is refused', async () => {
    const f = file('legacy.json', JSON.stringify({ ...OUT_OF_STOCK, paidAmount: 10, shippingFee: 0 }));
    const legacy = await run([
      '--facts',
      f,
      '--profile',
      'tmall-legacy',
      '--now',
      '2026-11-21T12:00:00+08:00',
    ]);
    expect(legacy.code).toBe(0);
    const c = casesOf(legacy.stdout)[0]!;
    expect(c).toMatchObject({
      platform: 'tmall',
      profile: 'tmall-legacy',
      compensation: { triggered: true, amount: '3.00', ruleId: 'comp-tmall-legacy' },
    });
    const modern = casesOf(
      (await run(['--facts', f, '--profile', 'tmall', '--now', '2026-11-21T12:00:00+08:00'])).stdout,
    )[0]!;
    expect(modern.compensation.amount).toBe('5.00');
    const tb = casesOf(
      (await run(['--facts', f, '--profile', 'taobao', '--now', '2026-11-21T12:00:00+08:00'])).stdout,
    )[0]!;
    expect(tb).toMatchObject({ platform: 'taobao', profile: 'taobao' });
    const bad = await run(['--facts', f, '--profile', 'tmall-legacy', '--platform', 'taobao']);
    expect(bad.code).toBe(2);
    expectOneLine(bad.stderr, 'tmall profile');
    const unknown = await run(['--facts', f, '--profile', 'tmall-1999']);
    expect(unknown.code).toBe(2);
    expectOneLine(unknown.stderr, 'tmall-legacy');
  });

  it('实付金额：待定 → unreadable, amount null with a warning', async () => {
    const r = await run([
      join(FIXTURES, 'refund-detail-pending-amount.html'),
      '--url',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220077',
      '--now',
      '2026-11-22T10:00:00+08:00',
    ]);
    expect(r.code).toBe(0);
    const c = casesOf(r.stdout)[0]!;
    expect(c.unreadable).toEqual(['refundAmount', 'paidAmount']);
    expect(c.compensation).toMatchObject({ triggered: true, amount: null });
    expect(c.warnings.some((w) => w.code === 'unreadable-field' && w.fields?.includes('paidAmount'))).toBe(
      true,
    );
  });
});

describe.concurrent('bad input → exit 2, one line on stderr', { timeout: 90_000 }, () => {
  it('missing facts file', async () => {
    const r = await run(['--facts', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr, 'no such file');
  });

  it('missing page file', async () => {
    const r = await run([join(dir, 'nope.html'), '--url', 'https://refund2.tmall.com/dispute/detail.htm']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'no such file');
  });

  it('invalid JSON', async () => {
    const r = await run(['--facts', file('bad.json', '{ "reason": "卖家缺货", ')]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'invalid JSON');
  });

  it('facts failing FactsSchema: the zod path is named', async () => {
    const r = await run([
      '--facts',
      file('schema.json', JSON.stringify([OUT_OF_STOCK, { ...OUT_OF_STOCK, paidAmount: '500元' }])),
    ]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, '[1].paidAmount');
  });

  it('facts with a time that is not Beijing ISO', async () => {
    const r = await run([
      '--facts',
      file('time.json', JSON.stringify({ ...OUT_OF_STOCK, paidAt: '2026-11-19 21:14' })),
    ]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'paidAt');
  });

  it('bad --now', async () => {
    const r = await run(['--facts', file('ok.json', JSON.stringify(OUT_OF_STOCK)), '--now', 'tomorrow']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, '--now tomorrow');
  });

  it('bad --platform', async () => {
    const r = await run(['--facts', file('ok2.json', JSON.stringify(OUT_OF_STOCK)), '--platform', 'jd']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, '--platform jd');
  });

  it('bad ledger entry', async () => {
    const r = await run([
      '--facts',
      file('ok3.json', JSON.stringify(OUT_OF_STOCK)),
      '--ledger',
      file('badledger.json', JSON.stringify([{ buyer: 'x', amount: -1, at: 'now', kind: 'gift' }])),
    ]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'ledger');
  });

  it('a page with no readable panel: which page kinds were tried (the real command exits 2)', async () => {
    const page = file(
      'empty.html',
      '<!DOCTYPE html><html><body><h1>卖家中心</h1><p>欢迎回来</p><div class="ad_1">实付款 ¥99.00</div></body></html>',
    );
    const r = await spawnCli([page, '--url', 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr, 'no readable panel');
    expect(r.stderr).toContain(
      'tried: refund-detail, complaint-list, refund-list, complaint-detail, aftersale-detail',
    );
  });

  it('no input at all', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'usage');
  });
});
