import type { PanelRead } from '../model/facts';
import type { CrossChecked } from '../model/vocabulary';
import { normalizeText } from '../text/normalize';
import { ELEMENT_NODE } from './dom';
import type { PageContext } from './context';
import { inRegion } from './pairing';
import { blockTexts } from './scan';
import type { SecondSourceMark } from './second-source';

/**
 * The old refund2 pages are built on the client from a JSON object in a script,
 * `var disputeData = {…}` (docs/back-office-pages.md §5–6). On the old detail it is a second
 * source for what the page shows: read as TEXT (never run: no eval, no Function, no page
 * script executed), cut out by bracket matching, JSON.parse'd, and checked like any input.
 *
 * It only CROSS-CHECKS: it never supplies a value the page does not show, and where the two
 * disagree the case is marked (`secondSource` on the read, shown in the side panel and by
 * `npm run guidance`) — never resolved either way. A script that is not strict JSON, too
 * long, too deep or of another shape is ignored, with a note on the read
 * (`second-source-unreadable`); the page's own read is unchanged.
 *
 * What is compared, and only the key names the evidence shows are used: the return carrier
 * of the detail's event sentence `买家已退货：<waybill>（<carrier>)` against `company` of its
 * `logistics_*` components. `latestMsg` (tracking or buyer text) is checked to be a bounded
 * string and never read for labels, countdowns or amounts; `latestTime` has nothing on the
 * page to compare with. Lists are not cross-checked: their later pages come from a
 * `POST …/adjustSellerList.json` while the embedded object stays the first page's, and their
 * components (`sellerGridHeaderContainer_<id>`, `disputeBody`, `listPagination_1`) carry no
 * field the evidence names.
 *
 * The checks are validated by hand, not with zod: this runs in the content script, whose
 * bundle carries no zod (test/unit/content/production-bundle.test.ts).
 */

/** Why the embedded object was not used. */
type SecondSourceProblem = 'too-long' | 'unterminated' | 'not-json' | 'too-deep' | 'invalid' | 'twice';

/** A page-level note of a read (with ReadWarning): the embedded object is there but was ignored. */
export interface SecondSourceNote {
  code: 'second-source-unreadable';
  why: SecondSourceProblem;
}

/** What the embedded object says that the page may show too. */
interface DisputeData {
  /** Non-empty `company` of the `logistics_*` components, normalised, without repeats. */
  carriers: string[];
}

type DisputeDataRead =
  | { status: 'absent' }
  | { status: 'unreadable'; why: SecondSourceProblem }
  | { status: 'read'; data: DisputeData };

/** Inline scripts looked at, at most. */
const MAX_SCRIPTS = 64;
/** The marker must begin within this many characters of its script's start. */
const MARKER_WINDOW = 65_536;
/** The object literal, at most (the real detail's is a few kilobytes): longer → `too-long`. */
export const MAX_DATA_CHARS = 262_144;
/** Nesting of objects and arrays, at most. */
const MAX_DEPTH = 32;
/** Members of one object looked at when searching for components and fields. */
const MAX_MEMBERS = 2_000;
const MAX_CARRIER_CHARS = 60;
const MAX_TIME_CHARS = 40;
const MAX_MSG_CHARS = 4_000;
/** A text block of the page longer than this holds no event sentence. */
const MAX_BLOCK_CHARS = 2_000;
/** Page and script values as carried by a mark. */
const MAX_MARK_CHARS = 40;

const MARKER = /\bvar\s+disputeData\s*=\s*/;
const LOGISTICS_KEY = /^logistics_[A-Za-z0-9]+$/;
/** `买家已退货：78900011122（圆通速递)`, as normalised (NFKC folds the full-width colon and brackets). */
const RETURN_SENTENCE = /买家已退货\s*:\s*[0-9A-Za-z-]{4,40}\s*\(\s*([^()]{1,30}?)\s*\)/g;

/**
 * The object literal starting at `text[start]` (a `{`), matched bracket by bracket with
 * strings and escapes respected; bounded by MAX_DATA_CHARS and MAX_DEPTH.
 */
function literalAt(
  text: string,
  start: number,
): { ok: true; json: string } | { ok: false; why: SecondSourceProblem } {
  const end = Math.min(text.length, start + MAX_DATA_CHARS);
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) return { ok: false, why: 'too-deep' };
      stack.push(c === '{' ? '}' : ']');
    } else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return { ok: false, why: 'not-json' };
      if (stack.length === 0) return { ok: true, json: text.slice(start, i + 1) };
    }
  }
  return { ok: false, why: end < text.length ? 'too-long' : 'unterminated' };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Members of `obj`, at most MAX_MEMBERS. */
function members(obj: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    out.push([key, obj[key]]);
    if (out.length >= MAX_MEMBERS) break;
  }
  return out;
}

/** `key`'s value on the component or on one object member of it (the data may wrap its fields). */
function fieldOf(component: Record<string, unknown>, key: string): unknown {
  if (key in component) return component[key];
  for (const [, v] of members(component)) if (isObject(v) && key in v) return v[key];
  return undefined;
}

const boundedString = (v: unknown, max: number) =>
  v === undefined || (typeof v === 'string' && v.length <= max);

/**
 * The components named `logistics_*`, at the top of the object or one level down (the
 * object may hold its components under a member): their fields checked, the carriers kept.
 */
function validate(root: unknown): DisputeData | null {
  if (!isObject(root)) return null;
  const found: Array<Record<string, unknown>> = [];
  const collect = (obj: Record<string, unknown>, down: boolean): boolean => {
    for (const [key, value] of members(obj)) {
      if (LOGISTICS_KEY.test(key)) {
        if (!isObject(value)) return false;
        found.push(value);
      } else if (down && isObject(value) && !collect(value, false)) return false;
    }
    return true;
  };
  if (!collect(root, true)) return null;
  const carriers: string[] = [];
  for (const component of found) {
    const company = fieldOf(component, 'company');
    if (!boundedString(company, MAX_CARRIER_CHARS)) return null;
    if (!boundedString(fieldOf(component, 'latestTime'), MAX_TIME_CHARS)) return null;
    // Tracking / buyer text: checked for its type and size only, never read.
    if (!boundedString(fieldOf(component, 'latestMsg'), MAX_MSG_CHARS)) return null;
    const name = typeof company === 'string' ? normalizeText(company) : '';
    if (name && !carriers.includes(name)) carriers.push(name);
  }
  return { carriers };
}

/** The embedded `var disputeData = {…}` of a page (inline scripts only), read as text and checked. */
export function readDisputeData(root: ParentNode): DisputeDataRead {
  const scripts = root.querySelectorAll('script');
  let text: string | null = null;
  let at = -1;
  let seen = 0;
  for (let i = 0; i < scripts.length && seen < MAX_SCRIPTS; i++) {
    const script = scripts[i]!;
    if (script.hasAttribute('src')) continue;
    seen++;
    const body = script.textContent ?? '';
    const marker = MARKER.exec(body.length > MARKER_WINDOW ? body.slice(0, MARKER_WINDOW) : body);
    if (!marker) continue;
    if (text !== null) return { status: 'unreadable', why: 'twice' };
    text = body;
    at = marker.index + marker[0].length;
  }
  if (text === null) return { status: 'absent' };
  if (text[at] !== '{') return { status: 'unreadable', why: 'not-json' }; // `(function(){…})()`, a name, …
  const literal = literalAt(text, at);
  if (!literal.ok) return { status: 'unreadable', why: literal.why };
  let parsed: unknown;
  try {
    parsed = JSON.parse(literal.json);
  } catch {
    return { status: 'unreadable', why: 'not-json' };
  }
  const data = validate(parsed);
  return data ? { status: 'read', data } : { status: 'unreadable', why: 'invalid' };
}

function topElement(root: ParentNode): Element | null {
  const node = root as Node;
  if (node.nodeType === 9) return (root as Document).documentElement;
  return node.nodeType === ELEMENT_NODE ? (root as Element) : null;
}

/** The carriers of the page's `买家已退货：<waybill>（<carrier>)` sentences, outside free text and noise. */
function pageCarriers(ctx: PageContext): string[] {
  const top = topElement(ctx.root);
  if (!top) return [];
  const free = ctx.scan.freeRegions;
  const out: string[] = [];
  for (const { text } of blockTexts(ctx.scan, top, (n) => free.some((r) => inRegion(r, n)))) {
    if (text.length > MAX_BLOCK_CHARS || !text.includes('买家已退货')) continue;
    for (const m of normalizeText(text).matchAll(RETURN_SENTENCE)) {
      const name = m[1]!.trim();
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

const clipped = (s: string) => (s.length > MAX_MARK_CHARS ? `${s.slice(0, MAX_MARK_CHARS - 1)}…` : s);

/** What the page shows against what its data says, per cross-checked field: the disagreements. */
function compare(page: readonly string[], script: readonly string[]): SecondSourceMark[] {
  if (page.length === 0 || script.length === 0) return [];
  const field: CrossChecked = 'returnCarrier';
  if (page.every((p) => script.includes(p))) return [];
  return [{ field, page: clipped(page.join('、')), script: clipped(script.join('、')) }];
}

/** Page kinds whose embedded data is compared (the old detail; see the header for lists). */
const CHECKED_ADAPTERS: ReadonlySet<string> = new Set(['refund-detail', 'aftersale-detail']);

/**
 * The reads of one page with the embedded data's disagreements marked (`secondSource`), and a
 * note in `warnings` when the embedded data is there but unreadable. Facts are never changed.
 * Only a page of one case is compared (one page, one logistics record).
 */
export function crossChecked<T extends PanelRead, W>(
  ctx: PageContext,
  adapter: string,
  reads: T[],
  warnings: Array<W | SecondSourceNote>,
): T[] {
  if (!CHECKED_ADAPTERS.has(adapter) || reads.length !== 1) return reads;
  const second = readDisputeData(ctx.root);
  if (second.status === 'unreadable') warnings.push({ code: 'second-source-unreadable', why: second.why });
  if (second.status !== 'read' || second.data.carriers.length === 0) return reads;
  const marks = compare(pageCarriers(ctx), second.data.carriers);
  return marks.length ? [{ ...reads[0]!, secondSource: marks }] : reads;
}
