import type { FactKey } from '../model/facts';
import { compactText, normalizeText } from '../text/normalize';
import { ELEMENT_NODE, INLINE_TAGS, SHOW_ELEMENT, SHOW_TEXT, TEXT_NODE } from './dom';
import {
  FREE_TEXT_LABELS,
  freeLabelWithin,
  LABEL_TO_KEY,
  MAX_LABEL_LENGTH,
  splitFreeLabel,
  splitInlineLabel,
} from './labels';
import { freeTextRegion, inRegion, type Region } from './pairing';
import { drain, type Steps } from './steps';

/**
 * One pass over a page: every label outside noise, in document order, whether the page
 * says 天猫, and the texts of table cells. Built once per read; adapters share it (no
 * querySelectorAll per label, no regex compiled per node).
 */

export { ELEMENT_NODE, TEXT_NODE };

export interface LabelHit {
  key: FactKey;
  /** The label as normalised (`退款原因`). */
  label: string;
  /** The text node holding the label. */
  node: Node;
  /** `退款原因：卖家缺货` in one text node → `卖家缺货`. */
  inline?: string;
}

/** A free-text label (退款说明, 留言, 备注): its text node, and its value when both share the node. */
interface FreeTextHit {
  label: string;
  node: Node;
  inline?: string;
}

export interface PageScan {
  root: ParentNode;
  doc: Document;
  /** Labels outside noise and outside free text (a label inside 退款说明 or a nick is none), document order. */
  hits: LabelHit[];
  /** What free-text labels and the buyer's nick hold: never searched for labels or countdowns. */
  freeRegions: readonly Region[];
  /** Some text outside noise says 天猫. */
  saysTmall: boolean;
  /** The text nodes outside noise that say 天猫 (a shop-type signal only outside the cases). */
  tmallNodes: readonly Node[];
  /** Elements judged to be ads / recommendations (their labels are not used). */
  noise: Element[];
  /**
   * Table rows → textContent of their cells (`row.cells` order; undefined for a cell the
   * scan did not read), taken once by the scan.
   */
  rowTexts: ReadonlyMap<Element, ReadonlyArray<string | undefined>>;
}

const SKIP_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'ASIDE',
  'IFRAME',
  'OBJECT',
  'SVG',
  'CANVAS',
  'HEAD',
  // our own badges (their text lives in a shadow root, but never read them back as the page's)
  'AFTERSALE-SENTINEL-BADGE',
]);

/** Class / id words that mark an ad or recommendation block (`ad_f31a`, `rec-goods`, `guess-like`). */
const NOISE_NAME =
  /(?:^|[\s_-])(?:ad|ads|advert\w*|banner\w*|recommend\w*|rec|promo\w*|promotion\w*|guess\w*|sponsor\w*|hot-?sale\w*)(?=$|[\s_-])/i;
/** Headings that start a recommendation / ad block. */
const NOISE_HEADINGS = [
  '猜你喜欢',
  '为你推荐',
  '相关推荐',
  '推荐商品',
  '热销推荐',
  '店铺推荐',
  '看了又看',
  '大家都在买',
  '精选推荐',
  '热卖推荐',
  '广告',
  '推广',
  '赞助',
];
const NOISE_HEADING = new RegExp(`^(?:${NOISE_HEADINGS.join('|')})`);
const NOISE_ARIA = /广告|推荐|推广/;

/**
 * Checked for every element during the walk (cheaper than a TreeWalker filter callback or
 * a selector query). `classVerdicts` memoises the class test: list rows repeat their classes.
 */
function isNoiseElement(
  el: Element,
  classVerdicts: Map<string, boolean>,
  tagVerdicts: Map<string, boolean>,
): boolean {
  const tag = el.tagName;
  let skip = tagVerdicts.get(tag);
  if (skip === undefined) {
    skip = SKIP_TAGS.has(tag) || SKIP_TAGS.has(tag.toUpperCase());
    tagVerdicts.set(tag, skip);
  }
  if (skip) return true;
  // Most cells and wrappers carry no attribute: one native call instead of four.
  if (!el.hasAttributes()) return false;
  const cls = el.getAttribute('class');
  if (cls) {
    let noisy = classVerdicts.get(cls);
    if (noisy === undefined) {
      noisy = NOISE_NAME.test(cls);
      classVerdicts.set(cls, noisy);
    }
    if (noisy) return true;
  }
  const id = el.getAttribute('id');
  if (id && NOISE_NAME.test(id)) return true;
  const role = el.getAttribute('role');
  if (role === 'complementary' || role === 'banner') return true;
  const aria = el.getAttribute('aria-label');
  return aria !== null && NOISE_ARIA.test(aria);
}

const COLON_END = /\s*[:：]\s*$/;
/** Labels are Chinese and inline pairs need a colon: texts with neither (ids, amounts, dates) are skipped cheaply. */
const MAY_HOLD_LABEL = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF01-\uFF5E:]/;
/**
 * What a label or a noise heading may start with (after trimming): its first character,
 * or a character normalisation may remove or fold (invisible marks, full-width forms,
 * compatibility ideographs). Any other text is a label only if it has a colon (inline pair).
 */
const LABEL_START = new Set(
  [...LABEL_TO_KEY.keys(), ...FREE_TEXT_LABELS].map((l) => l[0]!).concat([...'猜为相推热店看大精广赞']),
);
function mayStartLabel(trimmed: string): boolean {
  const c = trimmed.charCodeAt(0);
  return (
    LABEL_START.has(trimmed[0]!) ||
    (c >= 0x2000 && c <= 0x206f) ||
    c === 0xfeff ||
    c === 0xad ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c >= 0xff00
  );
}
const SPACES = /\s+/g;
/** What a cell's compacted text must contain for any of its text nodes to be a label, a noise heading or say 天猫. */
const MAY_MATTER = new RegExp(
  [...LABEL_TO_KEY.keys(), ...FREE_TEXT_LABELS, ...NOISE_HEADINGS, '天猫'].join('|'),
);

function docOf(root: ParentNode): Document {
  const node = root as Node;
  return (node.nodeType === 9 ? node : node.ownerDocument) as Document;
}

/** The section a noise heading (`猜你喜欢`) starts: climb while the element holds only the heading. */
function noiseSection(textNode: Node, heading: string, root: ParentNode): Element | null {
  let el = textNode.parentElement;
  while (
    el &&
    el.parentElement &&
    (el.parentElement as unknown) !== root &&
    normalizeText(el.parentElement.textContent ?? '') === heading
  ) {
    el = el.parentElement;
  }
  const section = el?.parentElement ?? null;
  if (!section || (section as unknown) === root || section.tagName === 'BODY' || section.tagName === 'HTML')
    return null;
  return section;
}

/** Moves the walker past the current node's subtree: its next sibling, or an ancestor's; null at the end. */
function pastSubtree(walker: TreeWalker): Node | null {
  let node: Node | null;
  while (!(node = walker.nextSibling())) if (!walker.parentNode()) return null;
  return node;
}

/** What one text node says, as far as the scan cares (null: nothing). */
interface TextVerdict {
  tmall: boolean;
  key?: FactKey;
  label?: string;
  /** `退款原因：卖家缺货` → `卖家缺货` (non-empty). */
  inline?: string;
  /** A noise heading (`猜你喜欢`), normalised. */
  heading?: string;
  /** A free-text label (`退款说明`), normalised. */
  free?: string;
  /** A free-text label later in the same text, after the label (`key`) that leads it. */
  freeAfter?: string;
}

/** A text that may be a label (it has a colon or starts like one), classified once. */
function classify(raw: string): TextVerdict | null {
  const text = normalizeText(raw);
  if (!text) return null;
  const tmall = text.includes('天猫');
  if (text.length <= MAX_LABEL_LENGTH + 4) {
    const label = text.replace(COLON_END, '').replace(SPACES, '');
    const key = LABEL_TO_KEY.get(label);
    if (key) return { tmall, key, label };
    if (FREE_TEXT_LABELS.has(label)) return { tmall, free: label };
    if (NOISE_HEADING.test(text)) return { tmall, heading: text };
  }
  const inline = splitInlineLabel(text);
  if (inline) {
    const value = inline.value.trim();
    const verdict: TextVerdict = value
      ? { tmall, key: inline.key, label: inline.label, inline: value }
      : { tmall, key: inline.key, label: inline.label };
    // `退款原因：卖家缺货 退款说明：…<br>实付金额：…`: the lines after it are the buyer's.
    const free = freeLabelWithin(text);
    if (free !== undefined) verdict.freeAfter = free;
    return verdict;
  }
  const free = splitFreeLabel(text);
  if (free) {
    const value = free.value.trim();
    return value ? { tmall, free: free.label, inline: value } : { tmall, free: free.label };
  }
  return tmall ? { tmall } : null;
}

/** Elements walked between two steps outside table rows. */
const ELEMENTS_PER_STEP = 64;

/** The scan, read in steps (one per table row of the page): see steps.ts. */
export function* scanSteps(root: ParentNode): Steps<PageScan> {
  const scanner = new Scanner(root);
  yield* scanner.walkSteps(root);
  return scanner.result();
}

export function scanPage(root: ParentNode): PageScan {
  return drain(scanSteps(root));
}

/**
 * One scan's state and its walk: labels, free-text labels, noise, 天猫 mentions and row
 * texts as met in document order. Per-text and per-class verdicts are remembered for the
 * scan (list cells repeat their reasons, states and classes).
 */
class Scanner {
  private readonly doc: Document;
  private readonly hits: LabelHit[] = [];
  private readonly freeHits: FreeTextHit[] = [];
  private readonly noise: Element[] = [];
  /** Text nodes that say 天猫. */
  private readonly tmallNodes: Node[] = [];
  private readonly rowTexts = new Map<Element, Array<string | undefined>>();
  /** Cell text → whether it may hold a label (list cells repeat their reasons and states). */
  private readonly matters = new Map<string, boolean>();
  private readonly classVerdicts = new Map<string, boolean>();
  private readonly tagVerdicts = new Map<string, boolean>();
  /** What a text says (label, inline pair, noise heading, 天猫), per text: list cells repeat theirs. */
  private readonly verdicts = new Map<string, TextVerdict | null>();

  constructor(private readonly root: ParentNode) {
    this.doc = docOf(root);
  }

  result(): PageScan {
    const { root, doc, noise, rowTexts } = this;
    const kept = outsideNoiseAndFreeText(root, noise, this.hits, this.freeHits, this.tmallNodes);
    return { root, doc, ...kept, saysTmall: kept.tmallNodes.length > 0, noise, rowTexts };
  }

  private onText(node: Node): void {
    const raw = (node as Text).data;
    if (!raw || !raw.trim()) return;
    if (raw.length > 400 || !MAY_HOLD_LABEL.test(raw)) return; // long texts are values (or hostile), never labels
    if (
      !raw.includes(':') &&
      !raw.includes('：') &&
      !raw.includes('︰') &&
      !raw.includes('﹕') &&
      !mayStartLabel(raw.trim())
    ) {
      if (raw.includes('天猫')) this.tmallNodes.push(node);
      return;
    }
    let verdict = this.verdicts.get(raw);
    if (verdict === undefined) this.verdicts.set(raw, (verdict = classify(raw)));
    if (verdict === null) return;
    if (verdict.tmall) this.tmallNodes.push(node);
    if (verdict.heading !== undefined) {
      const section = noiseSection(node, verdict.heading, this.root);
      if (section) this.noise.push(section);
      return;
    }
    if (verdict.free !== undefined) {
      // A button or link named 备注 / 说明 is a control, not a field.
      const tag = node.parentElement?.tagName.toUpperCase();
      if (tag === 'BUTTON' || tag === 'A') return;
      this.freeHits.push(
        verdict.inline !== undefined
          ? { label: verdict.free, node, inline: verdict.inline }
          : { label: verdict.free, node },
      );
      return;
    }
    if (!verdict.key) return;
    // The region of a free label sharing the node starts at the node (its own label is kept).
    if (verdict.freeAfter !== undefined)
      this.freeHits.push({ label: verdict.freeAfter, node, inline: verdict.inline ?? '' });
    if (verdict.inline !== undefined)
      this.hits.push({ key: verdict.key, label: verdict.label!, node, inline: verdict.inline });
    else this.hits.push({ key: verdict.key, label: verdict.label!, node });
  }

  /** Noise elements are recorded (unless merely skipped tags) and never entered. */
  private isNoise(el: Element): boolean {
    if (!isNoiseElement(el, this.classVerdicts, this.tagVerdicts)) return false;
    if (!SKIP_TAGS.has(el.tagName.toUpperCase())) this.noise.push(el);
    return true;
  }

  /**
   * A table row, cell by cell (list pages: most of the page). Each cell's text is taken
   * once (kept for the list reader). A cell whose text holds no label, noise heading or
   * 天猫 — not even split over several text nodes or spaced out — yields nothing the walk
   * would have found, so its nodes are not visited one by one (no JS wrapper per node).
   * The others are read exactly as the walk would read them.
   */
  private readRow(row: Element): void {
    const cellTexts: Array<string | undefined> = [];
    this.rowTexts.set(row, cellTexts);
    for (let child = row.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        this.onText(child);
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const cell = child as Element;
      // `row.cells` holds the <td>/<th> children: the texts line up with it. A cell with no
      // attribute is no noise (one native call instead of the whole check).
      const tag = cell.tagName;
      const isCell = tag === 'TD' || tag === 'TH' || tag === 'td' || tag === 'th';
      const at = isCell ? cellTexts.push(undefined) - 1 : -1;
      if ((!isCell || cell.hasAttributes()) && this.isNoise(cell)) continue;
      const text = cell.textContent ?? '';
      if (at >= 0) cellTexts[at] = text;
      if (this.mayMatter(text)) this.readCell(cell);
    }
  }

  /** Whether a cell's text may hold a label, a noise heading or 天猫 (remembered per text). */
  private mayMatter(text: string): boolean {
    if (!MAY_HOLD_LABEL.test(text)) return false;
    let may = this.matters.get(text);
    if (may === undefined) this.matters.set(text, (may = MAY_MATTER.test(compactText(text))));
    return may;
  }

  private readCell(cell: Element): void {
    if (cell.childElementCount === 0) {
      for (let t = cell.firstChild; t; t = t.nextSibling) if (t.nodeType === TEXT_NODE) this.onText(t);
    } else drain(this.walkSteps(cell));
  }

  /**
   * The walk from `from`, one step per table row. No filter callback (a JS call per node
   * costs more than the walk): noise subtrees and table rows (read by readRow) are skipped
   * by moving the walker past them.
   */
  *walkSteps(from: Node): Steps<void> {
    const walker = this.doc.createTreeWalker(from, SHOW_ELEMENT | SHOW_TEXT);
    let elements = 0;
    let node = walker.nextNode();
    while (node) {
      if (node.nodeType === ELEMENT_NODE) {
        const el = node as Element;
        if (this.isNoise(el)) {
          node = pastSubtree(walker);
          continue;
        }
        const tag = el.tagName;
        if (tag === 'TR' || tag === 'tr') {
          this.readRow(el);
          node = pastSubtree(walker);
          yield;
          continue;
        }
        // Pages of blocks rather than rows (old lists, details): a step every so many elements.
        if (++elements % ELEMENTS_PER_STEP === 0) yield;
      } else if (node.nodeType === TEXT_NODE) this.onText(node);
      node = walker.nextNode();
    }
  }
}

/**
 * What the walk found, without what no reader may use: labels and 天猫 mentions inside a
 * block judged noise by its heading, and labels inside free text (what 退款说明 / 留言 / the
 * nick hold is the buyer's, never a field of the page).
 */
function outsideNoiseAndFreeText(
  root: ParentNode,
  noise: readonly Element[],
  hits: LabelHit[],
  freeHits: FreeTextHit[],
  tmallNodes: Node[],
): { hits: LabelHit[]; freeRegions: Region[]; tmallNodes: Node[] } {
  let tmall = tmallNodes;
  if (noise.length > 0) {
    const inNoise = (n: Node) => noise.some((s) => s.contains(n));
    hits = hits.filter((h) => !inNoise(h.node));
    freeHits = freeHits.filter((h) => !inNoise(h.node));
    tmall = tmallNodes.filter((n) => !inNoise(n));
  }
  const freeRegions: Region[] = [];
  for (const f of freeHits) {
    const region = freeTextRegion(f, root, true);
    if (region) freeRegions.push(region);
  }
  for (const h of hits) {
    if (h.key !== 'buyer') continue;
    const region = freeTextRegion(h, root, false);
    if (region) freeRegions.push(region);
  }
  if (freeRegions.length > 0) {
    const inFree = (n: Node) => freeRegions.some((r) => r.from !== n && inRegion(r, n));
    hits = hits.filter((h) => !inFree(h.node));
  }
  return { hits, freeRegions, tmallNodes: tmall };
}

/** Whether a row re-read on its own is itself an ad / recommendation (or skipped) element. */
export function isNoiseRow(row: Element): boolean {
  return isNoiseElement(row, new Map(), new Map());
}

/** Whether a node lies in an ad / recommendation block found by the scan. */
export function isInNoise(scan: PageScan, node: Node): boolean {
  return scan.noise.length > 0 && scan.noise.some((s) => s.contains(node));
}

/** Elements that flow inside a line: their text belongs to the block around them. */
const FLOW_TAGS: ReadonlySet<string> = new Set([...INLINE_TAGS, 'BR', 'WBR']);

/** One block of text (a `p`, `div`, `li`, cell…): the texts of its own inline content, in order. */
export interface TextBlock {
  block: Element;
  text: string;
}

/**
 * The text of `el` block by block, as the scan sees it (noise left out), without the text
 * nodes `skip` says (free text, other labels' values). A block's text is its text nodes and
 * those of its inline descendants, joined as they are; a nested block is a block of its own.
 */
export function blockTexts(scan: PageScan, el: Element, skip: (n: Node) => boolean): TextBlock[] {
  if (isInNoise(scan, el)) return [];
  const walker = scan.doc.createTreeWalker(el, SHOW_ELEMENT | SHOW_TEXT);
  const classVerdicts = new Map<string, boolean>();
  const tagVerdicts = new Map<string, boolean>();
  const blocks = new Map<Element, string>();
  let node = walker.nextNode();
  while (node) {
    if (
      node.nodeType === ELEMENT_NODE &&
      (isNoiseElement(node as Element, classVerdicts, tagVerdicts) || scan.noise.includes(node as Element))
    ) {
      node = pastSubtree(walker);
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const raw = (node as Text).data;
      if (raw && raw.trim() && !skip(node)) {
        let block = node.parentElement ?? el;
        while (block !== el && FLOW_TAGS.has(block.tagName.toUpperCase()) && block.parentElement)
          block = block.parentElement;
        blocks.set(block, (blocks.get(block) ?? '') + raw);
      }
    }
    node = walker.nextNode();
  }
  return [...blocks].map(([block, text]) => ({ block, text }));
}
