/**
 * `guidance`: the rules core from a terminal (issue 2 item 6, issue 3 item 4).
 *
 *   guidance --facts <facts.json> [--now ISO] [--platform tmall|taobao] [--profile tmall|tmall-legacy|taobao] [--ledger ledger.json] [--pack pack.json]
 *   guidance <page.html> [--url <page url>] [--now ISO] [--platform …] [--ledger …] [--pack …]
 *
 * Prints `{ "cases": [ { kind, platform, facts, compensation, deadlines, penalties, actions,
 * replies, warnings, unreadable, … } ] }` — one entry per Facts object, or per panel / list
 * row of the page in page order. A page whose embedded `var disputeData` disagrees with what it
 * shows has a `second-source-disagrees` warning naming both values; one whose embedded data
 * could not be used has a top-level `pageWarnings` note (its read is the page's own, unchanged).
 * Bad input → exit 2 with one line on stderr.
 * A Node tool over core/ (lint: cli/ imports only core/ and packages); happy-dom, a
 * devDependency, parses saved pages — which is why it lives outside the pure core.
 */
import { readFileSync } from 'node:fs';
import { defaultPack, evaluate, parseRulePack } from '../core/index';
import { FactsSchema, PLATFORMS, type CaseKind, type Facts, type Platform } from '../core/model/facts';
import type { Guidance } from '../core/model/guidance';
import { LedgerSchema, type LedgerEntry } from '../core/model/ledger';
import type { RulePack } from '../core/model/rule-pack';
import { readPage, type ReadWarning } from '../core/pages/registry';
import { secondSourceMessage, type SecondSourceMark } from '../core/pages/second-source';
import { z } from '../core/model/zod';
import { formatZodError } from '../core/model/zod';
import { parseBeijingTime, toBeijingIso, toEpochMs } from '../core/time/beijing';

interface CliResult {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** Bad input: reported as one line, exit 2. */
class UsageError extends Error {}

const USAGE =
  'usage: npm run guidance -- --facts <facts.json> | <page.html> [--url <page url>] [--now ISO] [--platform tmall|taobao] [--profile <pack profile, e.g. tmall-legacy>] [--ledger ledger.json] [--pack pack.json]';

interface Args {
  page?: string;
  facts?: string;
  url?: string;
  now?: string;
  platform?: string;
  profile?: string;
  ledger?: string;
  pack?: string;
  help?: boolean;
}

const VALUE_FLAGS = ['--facts', '--url', '--now', '--platform', '--profile', '--ledger', '--pack'] as const;

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      args[flag.slice(2) as Exclude<keyof Args, 'help' | 'page'>] = value;
      continue;
    }
    if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    if (args.page !== undefined) throw new UsageError(`one page at a time (got ${args.page} and ${arg})`);
    args.page = arg;
  }
  return args;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`,
    );
  }
}

function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${path}: invalid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

function zodLine(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  prefix: (string | number)[] = [],
): string {
  if (issues.length === 0) return 'invalid';
  return formatZodError(
    { issues: issues.map((i) => ({ path: [...prefix, ...i.path], message: i.message })) },
    1,
  );
}

/** `--now`: ISO with an offset, or a Beijing wall time (`2026-11-20 10:00`). */
function parseNow(raw: string | undefined, clock: () => number): string {
  if (raw === undefined) return toBeijingIso(clock());
  const iso = parseBeijingTime(raw);
  if (!iso) throw new UsageError(`--now ${raw}: not a time (use ISO 8601, e.g. 2026-11-20T10:00:00+08:00)`);
  return iso;
}

function parsePlatform(raw: string | undefined): Platform | undefined {
  if (raw === undefined) return undefined;
  if (!(PLATFORMS as readonly string[]).includes(raw))
    throw new UsageError(`--platform ${raw}: expected tmall or taobao`);
  return raw as Platform;
}

/** `--profile`: one of the pack's profiles (era variants); it fixes the platform, which `--platform` may not contradict. */
function parseProfile(
  raw: string | undefined,
  pack: RulePack,
  platform: Platform | undefined,
): { profile?: string; platform?: Platform } {
  if (raw === undefined) return { platform };
  const found = pack.profiles.find((p) => p.id === raw);
  if (!found)
    throw new UsageError(`--profile ${raw}: expected one of ${pack.profiles.map((p) => p.id).join(', ')}`);
  if (platform !== undefined && platform !== found.platform)
    throw new UsageError(`--profile ${raw} is a ${found.platform} profile, not ${platform}`);
  return { profile: found.id, platform: found.platform };
}

function loadLedger(path: string | undefined): LedgerEntry[] {
  if (path === undefined) return [];
  const parsed = LedgerSchema.safeParse(readJson(path, 'ledger'));
  if (!parsed.success) throw new UsageError(`ledger ${path}: ${zodLine(parsed.error.issues)}`);
  return parsed.data;
}

function loadPack(path: string | undefined): RulePack {
  if (path === undefined) return defaultPack;
  const result = parseRulePack(readText(path, 'pack'));
  if (!result.ok) throw new UsageError(`pack ${path}: ${result.error.split('\n')[0]}`);
  return result.pack;
}

/** Facts files are written by hand: an unknown key is a typo, not something to drop silently. */
const StrictFactsSchema = z.strictObject(FactsSchema.shape);

function loadFacts(path: string): Facts[] {
  const json = readJson(path, 'facts');
  const list = Array.isArray(json) ? json : [json];
  if (list.length === 0) throw new UsageError(`facts ${path}: empty array, nothing to evaluate`);
  return list.map((item, i) => {
    const parsed = StrictFactsSchema.safeParse(item);
    if (!parsed.success)
      throw new UsageError(`facts ${path}: ${zodLine(parsed.error.issues, Array.isArray(json) ? [i] : [])}`);
    return parsed.data;
  });
}

/** Where the page's embedded data disagrees with the page: among the warnings, with both values. */
const markWarning = (m: SecondSourceMark) => ({
  code: 'second-source-disagrees',
  message: secondSourceMessage(m),
  field: m.field,
  page: m.page,
  script: m.script,
});

/** One printed case: what the agent sees, in the order of the issue, then the rest of the guidance. */
function caseOut(
  facts: Facts,
  g: Guidance,
  extra: { adapter?: string; index?: number } = {},
  marks: readonly SecondSourceMark[] = [],
) {
  return {
    kind: g.kind,
    platform: g.platform,
    ...extra,
    facts,
    profile: g.profile,
    compensation: g.compensation,
    deadlines: g.deadlines,
    penalties: g.penalties,
    actions: g.actions,
    replies: g.replies,
    warnings: [...g.warnings, ...marks.map(markWarning)],
    notes: g.notes ?? [],
    unreadable: facts.unreadable ?? [],
    pack: g.pack,
    now: g.now,
    explanation: g.explanation,
  };
}

interface Read {
  kind: CaseKind;
  platform: Platform;
  adapter: string;
  index: number;
  facts: Facts;
  secondSource?: SecondSourceMark[];
}

async function readPageFile(
  path: string,
  url: string | undefined,
  platform: Platform | undefined,
  now: number,
): Promise<{ cases: Read[]; warnings: ReadWarning[] }> {
  const html = readText(path, 'page');
  const pageUrl = url ?? 'about:blank';
  if (url !== undefined) {
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--url ${url}: not a URL`);
    }
  }
  // happy-dom only when a page is read (keeps `--facts` quick to start).
  const { Window } = await import('happy-dom');
  const window = new Window({
    url: pageUrl,
    settings: {
      disableJavaScriptEvaluation: true,
      disableCSSFileLoading: true,
      disableJavaScriptFileLoading: true,
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const result = readPage(doc, pageUrl, { platform, now });
    if (result.cases.length === 0) {
      const errors = result.errors.length
        ? `; errors: ${result.errors.map((e) => `${e.adapter}: ${e.message}`).join('; ')}`
        : '';
      throw new UsageError(`no readable panel in ${path} (tried: ${result.tried.join(', ')})${errors}`);
    }
    return { cases: result.cases, warnings: result.warnings ?? [] };
  } finally {
    await window.happyDOM.close();
  }
}

/** Run the command; never throws, never exits (the entry point does). */
export async function runGuidance(
  argv: readonly string[],
  clock: () => number = Date.now,
): Promise<CliResult> {
  try {
    const args = parseArgs(argv);
    if (args.help) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    if (args.facts !== undefined && args.page !== undefined)
      throw new UsageError('give --facts or a page, not both');
    if (args.facts === undefined && args.page === undefined)
      throw new UsageError(`nothing to read. ${USAGE}`);
    const now = parseNow(args.now, clock);
    const ledger = loadLedger(args.ledger);
    const pack = loadPack(args.pack);
    const { profile, platform } = parseProfile(args.profile, pack, parsePlatform(args.platform));
    const cases = [];
    let pageWarnings: ReadWarning[] = [];
    if (args.facts !== undefined) {
      for (const facts of loadFacts(args.facts))
        cases.push(caseOut(facts, evaluate(facts, pack, { now, ledger, platform, profile })));
    } else {
      const page = await readPageFile(args.page!, args.url, platform, toEpochMs(now));
      // Notes on the page as a whole (an embedded `disputeData` that could not be used).
      pageWarnings = page.warnings.filter((w) => w.code === 'second-source-unreadable');
      for (const read of page.cases) {
        const g = evaluate(read.facts, pack, {
          now,
          ledger,
          platform: read.platform,
          kind: read.kind,
          profile,
        });
        cases.push(caseOut(read.facts, g, { adapter: read.adapter, index: read.index }, read.secondSource));
      }
    }
    const out = pageWarnings.length ? { cases, pageWarnings } : { cases };
    return { code: 0, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `guidance: ${e.message}\n` };
    const message = e instanceof Error ? e.message : String(e);
    return { code: 1, stdout: '', stderr: `guidance: internal error: ${message.split('\n')[0]}\n` };
  }
}
