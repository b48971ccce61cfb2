import type { FactKey, Facts } from '../model/facts';
import { normalizeText } from '../text/normalize';
import { ELEMENT_NODE } from './dom';
import { FactsBuilder } from './facts-builder';
import { inRegion, pairedNode, type Region } from './pairing';
import { blockTexts, type LabelHit, type PageScan } from './scan';
import { timerCountdowns } from './timer';

/** A detail panel found on a page: its element (badge anchor), its labels and what they read. */
export interface DetailPanel {
  element: Element;
  hits: LabelHit[];
  facts: Facts;
  unreadable: FactKey[];
  /** Normalised labels seen in the panel (tells 售后 from 退款). */
  labels: Set<string>;
}

function rootElement(root: ParentNode): Element | null {
  const node = root as Node;
  if (node.nodeType === 9) return (root as Document).documentElement;
  if (node.nodeType === ELEMENT_NODE) return root as Element;
  return null;
}

function distinctKeys(hits: readonly LabelHit[], within: Element): number {
  const keys = new Set<FactKey>();
  for (const h of hits) if (within.contains(h.node)) keys.add(h.key);
  return keys.size;
}

function lowestCommonAncestor(a: Node, b: Node): Element | null {
  for (let el = a.parentElement; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}

/** Whether some key other than the marker's appears twice under `el` (a repeated panel structure). */
function repeatsKeys(hits: readonly LabelHit[], el: Element, marker: FactKey): boolean {
  const seen = new Set<FactKey>();
  for (const h of hits) {
    if (h.key === marker || !el.contains(h.node)) continue;
    if (seen.has(h.key)) return true;
    seen.add(h.key);
  }
  return false;
}

/**
 * Panels on a detail page. Occurrences of the first marker key present (e.g. `reason`)
 * start panels; two occurrences belong to one panel unless the structure around them
 * repeats (`投诉类型` and `投诉原因` in one list are one panel; two refund blocks are two).
 * The panel element is the smallest ancestor holding every kind of label found around its
 * markers (up to where another panel begins), widened by at most two wrapper levels that
 * add no label (status bars with the platform's timer sit there). Labels elsewhere on the
 * page — a stray price in a header, a recommendation card — are not used.
 */
function findPanelElements(
  scan: PageScan,
  markerKeys: readonly FactKey[],
  fallbackToAll: boolean,
): Array<{ element: Element; marker: LabelHit; region: Element }> {
  const top = rootElement(scan.root);
  let markers: LabelHit[] = [];
  let markerKey: FactKey | undefined;
  for (const key of markerKeys) {
    markers = scan.hits.filter((h) => h.key === key);
    if (markers.length) {
      markerKey = key;
      break;
    }
  }
  if (!markers.length) {
    if (!fallbackToAll || !scan.hits.length) return [];
    markers = [scan.hits[0]!];
    markerKey = scan.hits[0]!.key;
  }
  // Group markers into panels, in document order.
  const groups: LabelHit[][] = [];
  for (const m of markers) {
    const last = groups[groups.length - 1];
    const lca = last ? lowestCommonAncestor(last[last.length - 1]!.node, m.node) : null;
    if (last && lca && !repeatsKeys(scan.hits, lca, markerKey!)) last.push(m);
    else groups.push([m]);
  }
  const out: Array<{ element: Element; marker: LabelHit; region: Element }> = [];
  for (const group of groups) {
    const first = group[0]!;
    let start: Element | null = first.node.parentElement;
    for (const m of group.slice(1))
      start = start && !start.contains(m.node) ? lowestCommonAncestor(start, m.node) : start;
    if (!start) continue;
    const others = groups.filter((g) => g !== group).flat();
    let limit: Element = start;
    while (
      limit !== top &&
      limit.parentElement &&
      !others.some((m) => limit.parentElement!.contains(m.node))
    ) {
      limit = limit.parentElement;
    }
    const inLimit = scan.hits.filter((h) => limit.contains(h.node));
    const want = distinctKeys(inLimit, limit);
    let panel: Element = start;
    while (panel !== limit && panel.parentElement && distinctKeys(inLimit, panel) < want)
      panel = panel.parentElement;
    const count = inLimit.filter((h) => panel.contains(h.node)).length;
    for (let level = 0; level < 2 && panel !== limit && panel.parentElement; level++) {
      const parent: Element = panel.parentElement;
      const tag = parent.tagName.toUpperCase();
      if (tag === 'BODY' || tag === 'HTML' || inLimit.filter((h) => parent.contains(h.node)).length !== count)
        break;
      panel = parent;
    }
    if (out.some((p) => p.element === panel)) continue;
    out.push({ element: panel, marker: first, region: limit });
  }
  return out;
}

/**
 * Facts the page states only in an event sentence: `<nick>于2026-11-19 16:20:00创建了退款申请`
 * is the request time. Used when no label gave the fact; two different times make it unreadable.
 */
const EVENTS: ReadonlyArray<readonly [FactKey, RegExp]> = [
  [
    'refundRequestedAt',
    /于\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s*(?:创建|发起|提交)了?(?:退款|售后)申请/g,
  ],
];

/**
 * The workbench detail states the case's state as a sentence beside its countdown, with no
 * label: the state a countdown belongs to. Taken only when no 退款状态 label was read; the first
 * one in the panel wins (`买家已退货，请处理退货` → 买家已退货). Looked for outside free text.
 */
const STATE_SENTENCE = /请处理买家的退款申请|买家已退货|请处理退货|等待买家退货|请确认收货/;

function offerEvents(builder: FactsBuilder, text: string): void {
  if (!builder.seen('refundStatus')) {
    const state = STATE_SENTENCE.exec(normalizeText(text));
    if (state) builder.offer('refundStatus', state[0]);
  }
  for (const [key, re] of EVENTS) {
    if (builder.seen(key)) continue;
    const found = new Set<string>();
    for (const m of normalizeText(text).matchAll(re)) found.add(m[1]!);
    if (found.size === 1) builder.offer(key, [...found][0]!);
    else if (found.size > 1) builder.offer(key, null);
  }
}

/** Keys whose value may hold the platform's countdown (`等待商家处理 剩余2天23时7分51秒`). */
const MAY_HOLD_COUNTDOWN: ReadonlySet<FactKey> = new Set(['refundStatus']);

/**
 * What the readers never search for a countdown or an event: free text (scan.freeRegions),
 * and the values of labels other than the status.
 */
function valueRegions(
  scan: PageScan,
  values: ReadonlyArray<readonly [LabelHit, Node | null]>,
): (n: Node) => boolean {
  const regions: Region[] = [...scan.freeRegions];
  for (const [hit, node] of values)
    if (node && !MAY_HOLD_COUNTDOWN.has(hit.key)) regions.push({ from: node, rest: false });
  return (n) => regions.some((r) => inRegion(r, n));
}

function joined(blocks: ReadonlyArray<{ text: string }>): string {
  return blocks.map((b) => b.text).join(' ');
}

/** Read every panel of a detail page. */
export function readDetailPanels(
  scan: PageScan,
  markerKeys: readonly FactKey[],
  fallbackToAll: boolean,
): DetailPanel[] {
  return findPanelElements(scan, markerKeys, fallbackToAll).map(({ element, region }) => {
    const regionHits = region === element ? null : scan.hits.filter((h) => region.contains(h.node));
    const hits = (regionHits ?? scan.hits).filter((h) => element.contains(h.node));
    const labelNodes = hits.map((h) => h.node);
    const builder = new FactsBuilder();
    const labels = new Set<string>();
    const values: Array<readonly [LabelHit, Node | null]> = [];
    for (const hit of hits) {
      labels.add(hit.label);
      const paired = pairedNode(hit, scan.root, labelNodes);
      values.push([hit, paired?.node ?? null]);
      builder.offer(hit.key, paired?.text ?? null, hit.label);
    }
    const skip = valueRegions(scan, values);
    const own = blockTexts(scan, element, skip);
    let countdowns = timerCountdowns(own);
    let around = own;
    if (region !== element) {
      // The region around the panel (up to the next panel): its events, and its timer when the panel has none.
      const others = regionHits!.filter((h) => !element.contains(h.node));
      const outside = others.map(
        (h) =>
          [
            h,
            pairedNode(
              h,
              scan.root,
              others.map((o) => o.node),
            )?.node ?? null,
          ] as const,
      );
      around = blockTexts(scan, region, valueRegions(scan, [...values, ...outside]));
      if (!countdowns.length) countdowns = timerCountdowns(around);
    }
    offerEvents(builder, joined(around));
    for (const c of countdowns) builder.offerCountdown(c);
    const { facts, unreadable } = builder.build();
    return { element, hits, facts, unreadable, labels };
  });
}
