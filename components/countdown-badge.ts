import { formatCountdown, formatCountdownEn, formatCountdownShort } from '../core/time/duration';
import { toEpochMs } from '../core/time/beijing';
import type { Messages } from '../core/text/messages';
import { DEFAULT_THRESHOLDS_HOURS, urgencyOf, type ThresholdsHours, type Urgency } from '../core/urgency';

/**
 * The in-page countdown badge: a `<aftersale-sentinel-badge>` host with an OPEN shadow
 * root, so tests and tools can read it. Plain DOM, no framework: a 1,000-row list gets 1,000 of
 * these in one frame, and every scraped or rule text goes in through `textContent`.
 *
 * `countdownText` is shared with the side panel's countdowns; urgency comes from core/urgency.ts.
 */

export const BADGE_TAG = 'aftersale-sentinel-badge';

/**
 * What the countdown grammar takes from the caller's messages (core/text/messages.ts): the
 * locale, which picks the unit format (core/time/duration.ts, its one home), and the wording
 * past the deadline, `countdown_overdue` (`已超时 $1` / `overdue $1`). The content script
 * passes its key subset (seller.content/badge-text.ts), the pages `useMessages()`.
 */
export type CountdownMessages = Pick<Messages<'countdown_overdue'>, 'locale' | 't'>;

/** `2天23时07分`; past the deadline `已超时 1时05分`; English `2d 23h 07m` / `overdue 1h 05m`. */
export function countdownText(dueMs: number, nowMs: number, m: CountdownMessages): string {
  const seconds = (dueMs - nowMs) / 1000;
  const left = Math.abs(seconds);
  return signed(m.locale === 'en' ? formatCountdownEn(left) : formatCountdown(left), seconds, m);
}

/** A countdown's magnitude as shown: past the deadline it says so (`已超时 …`, `overdue …`). */
function signed(text: string, seconds: number, m: CountdownMessages): string {
  return seconds > 0 ? text : m.t('countdown_overdue', text);
}

/**
 * The badge's compact form, two units at most so a badge fits a narrow cell: `2天23时`,
 * `5时07分`, `42分`; past the deadline `已超时 1时05分`. English `2d 23h`, `5h 07m`, `42m`, `overdue 1h 05m`.
 */
export function compactCountdown(dueMs: number, nowMs: number, m: CountdownMessages): string {
  const seconds = (dueMs - nowMs) / 1000;
  return signed(formatCountdownShort(seconds, m.locale), seconds, m);
}

/** What one badge shows. Texts are plain strings: they are only ever set as textContent. */
export type BadgeModel =
  | {
      kind: 'countdown';
      caseKey: string;
      deadlineId: string;
      /** ISO +08:00 */
      dueAt: string;
      /** Tooltip: deadline label and due time. */
      title: string;
      /** The deadline in two characters (`处理`, `发货`, `举证`), shown before the countdown; '' for none. */
      label: string;
      /** A seller deadline already past while this one runs (`已超时·发货`); null when none. */
      overdueMark: string | null;
      /** Compensation mark text (`赔 150.00`, `赔付·金额待定`) or null when compensation is not triggered. */
      compMark: string | null;
      /** `可批量同意` when the shop's safe-batch policy lets the case be agreed in a batch; optional, absent/null: none. */
      batchMark?: string | null;
      /** A click asks the background to open the side panel on this case. */
      onActivate?: (caseKey: string) => void;
    }
  | {
      kind: 'unreadable';
      caseKey: string | null;
      /** Fact keys, e.g. ['paidAmount', 'paidAt'] → data-unreadable="paidAmount,paidAt". */
      fields: readonly string[];
      /** `无法读取：实付金额、付款时间` */
      text: string;
      onActivate?: (caseKey: string) => void;
    };

interface BadgeState {
  model: BadgeModel;
  dueMs: number;
  box: HTMLElement;
  countdown: HTMLElement | null;
  comp: HTMLElement | null;
  batch: HTMLElement | null;
  label: HTMLElement | null;
  overdue: HTMLElement | null;
  lastText: string;
  lastUrgency: Urgency | null;
}

const states = new WeakMap<Element, BadgeState>();

/**
 * The host is the focusable element (role=button, tabindex=0 when it can open a case;
 * Enter/Space are handled by the badge layer). `:host{all:initial}` drops the browser's
 * focus ring, so the ring is drawn on the inner box: 2 px #0958d9 (6.1:1 on white) with a
 * 1 px white gap, visible on light and dark page backgrounds alike.
 */
/*
 * 12 px throughout (chips too: they were 9–10 px), the back-office's own table size: at
 * 660 px (1,024 px window, panel docked) the workbench's 宝贝 cell leaves a badge 61 px, and
 * a 13 px countdown (`19时51分`) needs 64. Chips break only at a space or after `·` (part()),
 * never inside a word or an amount (`赔` / `150.00`).
 */
const CSS = `:host{all:initial;display:inline-block;vertical-align:middle;margin:1px 2px;max-width:100%;}
.b{display:inline-flex;flex-wrap:wrap;align-items:center;gap:2px 4px;max-width:100%;box-sizing:border-box;font:12px/17px system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;padding:0 5px;border-radius:8px;border:1px solid;cursor:pointer;user-select:none;}
.c,.l{white-space:nowrap}
.m,.o,.k{word-break:keep-all;overflow-wrap:normal}
.g{white-space:nowrap}
.l{font-weight:600}
.o{color:#a8071a;background:#fff;border:1px solid #ff7875;border-radius:7px;padding:0 3px}
.ok{color:#237804;background:#f6ffed;border-color:#b7eb8f}
.warning{color:#ad4e00;background:#fff7e6;border-color:#ffa940}
.critical{color:#a8071a;background:#fff1f0;border-color:#ff7875}
.breached{color:#fff;background:#cf1322;border-color:#a8071a;font-weight:600}
.unreadable{color:#595959;background:#fafafa;border-color:#d9d9d9;border-style:dashed;cursor:default}
.c{font-variant-numeric:tabular-nums}
.m{font-weight:600;color:#fff;background:#d4380d;border-radius:7px;padding:0 3px}
.breached .m{background:#fff;color:#cf1322}
.k{color:#0958d9;background:#fff;border:1px solid #69b1ff;border-radius:7px;padding:0 3px}
:host(:focus-visible) .b{outline:2px solid #0958d9;outline-offset:1px;box-shadow:0 0 0 1px #fff}
:host([data-cue]) .b{outline:3px solid #fa8c16;outline-offset:2px;box-shadow:0 0 0 2px #fff}`;

let sharedSheet: CSSStyleSheet | null | undefined;

function styleShadow(shadow: ShadowRoot): void {
  if (sharedSheet === undefined) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      sharedSheet = sheet;
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      shadow.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = CSS;
  shadow.append(style);
}

const templates = new WeakMap<Document, HTMLElement>();

/** `<span part="badge" class="b"><span class="c" data-testid="countdown"></span></span>`, cloned per badge (one call instead of several). */
function boxTemplate(doc: Document): HTMLElement {
  let tpl = templates.get(doc);
  if (!tpl) {
    tpl = doc.createElement('span');
    tpl.setAttribute('part', 'badge');
    tpl.className = 'b';
    const countdown = doc.createElement('span');
    countdown.className = 'c';
    countdown.setAttribute('data-testid', 'countdown');
    tpl.append(countdown);
    templates.set(doc, tpl);
  }
  return tpl;
}

/**
 * The tag badges are made with in a document: BADGE_TAG, unless the page defined that name
 * as its own custom element first (its constructor runs when we create one, and a closed
 * shadow root of its own makes ours impossible) — then a name of our own the page cannot
 * have guessed, `aftersale-sentinel-badge-<random>`, for the rest of the page's life.
 */
const tags = new WeakMap<Document, string>();
export function badgeTagOf(doc: Document): string {
  return tags.get(doc) ?? BADGE_TAG;
}

/** A new, empty badge host (not yet in the page). */
export function createBadgeHost(doc: Document = document): HTMLElement {
  let host: HTMLElement;
  let shadow: ShadowRoot;
  for (let attempt = 0; ; attempt++) {
    host = doc.createElement(badgeTagOf(doc));
    try {
      shadow = host.attachShadow({ mode: 'open' });
      break;
    } catch (e) {
      // The page pre-empted the name: take another one (a few tries, then give up loudly).
      if (attempt >= 3) throw e;
      tags.set(doc, `${BADGE_TAG}-${Math.random().toString(36).slice(2, 10)}`);
    }
  }
  styleShadow(shadow);
  const box = boxTemplate(doc).cloneNode(true) as HTMLElement;
  shadow.append(box);
  states.set(host, {
    model: { kind: 'unreadable', caseKey: null, fields: [], text: '' },
    dueMs: NaN,
    box,
    countdown: box.firstElementChild as HTMLElement,
    comp: null,
    batch: null,
    label: null,
    overdue: null,
    lastText: '',
    lastUrgency: null,
  });
  return host;
}

/**
 * A click (or Enter / Space) on a badge: ask for its case. Listeners are not per badge —
 * the page's badge layer listens once on the document and calls this (see badge-layer.ts).
 * Returns true when the badge had a case to activate.
 */
export function activateBadge(host: Element): boolean {
  const model = states.get(host)?.model;
  if (!model?.caseKey || !model.onActivate) return false;
  model.onActivate(model.caseKey);
  return true;
}

export function isBadgeHost(node: Node | null): node is HTMLElement {
  if (!node || node.nodeType !== 1) return false;
  const name = (node as Element).localName;
  return (
    name === BADGE_TAG ||
    (name.startsWith(BADGE_TAG) &&
      name.charCodeAt(BADGE_TAG.length) === 45 /* - */ &&
      states.has(node as Element))
  );
}

function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

/** Whether two models show the same thing (the click handler aside). */
export function sameBadgeModel(a: BadgeModel, b: BadgeModel): boolean {
  if (a.kind !== b.kind || a.caseKey !== b.caseKey) return false;
  if (a.kind === 'countdown' && b.kind === 'countdown') {
    return (
      a.deadlineId === b.deadlineId &&
      a.dueAt === b.dueAt &&
      a.title === b.title &&
      a.label === b.label &&
      a.overdueMark === b.overdueMark &&
      a.compMark === b.compMark &&
      (a.batchMark ?? null) === (b.batchMark ?? null)
    );
  }
  if (a.kind === 'unreadable' && b.kind === 'unreadable')
    return a.text === b.text && a.fields.join() === b.fields.join();
  return false;
}

/**
 * Show `model` in `host` at `nowMs`. Cheap when nothing changed (same model): only the
 * click handler is refreshed, no DOM is touched.
 */
export function renderBadge(
  host: HTMLElement,
  model: BadgeModel,
  nowMs: number,
  m: CountdownMessages,
  thresholdsHours: ThresholdsHours = DEFAULT_THRESHOLDS_HOURS,
): void {
  const state = states.get(host);
  if (!state) throw new Error('renderBadge: not a badge host made by createBadgeHost');
  if (sameBadgeModel(state.model, model)) {
    state.model = model;
    tickBadge(host, nowMs, m, thresholdsHours);
    return;
  }
  state.model = model;
  const { box } = state;
  const doc = host.ownerDocument;
  setAttr(host, 'data-case', model.caseKey);
  if (model.kind === 'unreadable') {
    setAttr(host, 'data-deadline', null);
    setAttr(host, 'data-due', null);
    setAttr(host, 'data-unreadable', model.fields.join(','));
    setAttr(host, 'data-batch', null);
    setAttr(host, 'role', model.caseKey && model.onActivate ? 'button' : 'note');
    setAttr(host, 'tabindex', model.caseKey && model.onActivate ? '0' : null);
    setAttr(host, 'title', model.text);
    box.className = 'b unreadable';
    box.textContent = model.text;
    state.countdown = null;
    state.comp = null;
    state.batch = null;
    state.label = null;
    state.overdue = null;
    state.dueMs = NaN;
    state.lastText = '';
    state.lastUrgency = null;
    return;
  }
  setAttr(host, 'data-unreadable', null);
  setAttr(host, 'data-deadline', model.deadlineId);
  setAttr(host, 'data-due', model.dueAt);
  setAttr(host, 'role', 'button');
  setAttr(host, 'tabindex', '0');
  setAttr(host, 'title', model.title);
  state.dueMs = toEpochMs(model.dueAt);
  if (!state.countdown) {
    box.textContent = '';
    const countdown = doc.createElement('span');
    countdown.className = 'c';
    countdown.setAttribute('data-testid', 'countdown');
    box.append(countdown);
    state.countdown = countdown;
    state.comp = null;
    state.batch = null;
    state.label = null;
    state.overdue = null;
  }
  state.label = part(doc, state.label, model.label || null, 'l', 'deadline-label', (el) =>
    box.insertBefore(el, state.countdown),
  );
  state.overdue = part(doc, state.overdue, model.overdueMark, 'o', 'overdue-mark', (el) =>
    state.comp ? box.insertBefore(el, state.comp) : box.append(el),
  );
  state.comp = part(doc, state.comp, model.compMark, 'm', 'comp-mark', (el) =>
    state.batch ? box.insertBefore(el, state.batch) : box.append(el),
  );
  state.batch = part(doc, state.batch, model.batchMark ?? null, 'k', 'batch-mark', (el) => box.append(el));
  setAttr(host, 'data-batch', model.batchMark ? '1' : null);
  state.lastText = '';
  state.lastUrgency = null;
  tickBadge(host, nowMs, m, thresholdsHours);
}

/** One optional text part of a badge: created, updated or removed to show `text`. */
function part(
  doc: Document,
  el: HTMLElement | null,
  text: string | null,
  cls: string,
  testid: string,
  insert: (el: HTMLElement) => void,
): HTMLElement | null {
  if (text === null) {
    el?.remove();
    return null;
  }
  if (!el) {
    el = doc.createElement('span');
    el.className = cls;
    el.setAttribute('data-testid', testid);
    insert(el);
  }
  if (el.textContent !== text) {
    // A chip may wrap only after its `·` (已超时· / 发货, 赔付· / 金额待定) or at a space
    // (赔 / 150.00): never inside a word or an amount. <wbr> adds no text (textContent stays).
    const pieces = text.split(/(?<=·)/);
    el.textContent = '';
    pieces.forEach((piece, i) => {
      if (i === pieces.length - 1) {
        el.append(piece);
        return;
      }
      // `已超时·` stays whole (a line may otherwise start with the dot)
      const glued = doc.createElement('span');
      glued.className = 'g';
      glued.textContent = piece;
      el.append(glued, doc.createElement('wbr'));
    });
  }
  return el;
}

/**
 * Bring a countdown badge to `nowMs`; touches the DOM only when the shown text or the
 * urgency colour changes. Returns true when it changed something.
 */
export function tickBadge(
  host: Element,
  nowMs: number,
  m: CountdownMessages,
  thresholdsHours: ThresholdsHours = DEFAULT_THRESHOLDS_HOURS,
): boolean {
  const state = states.get(host);
  if (!state || !state.countdown || Number.isNaN(state.dueMs)) return false;
  let changed = false;
  const text = compactCountdown(state.dueMs, nowMs, m);
  if (text !== state.lastText) {
    state.countdown.textContent = text;
    state.lastText = text;
    changed = true;
  }
  const urgency = urgencyOf(state.dueMs, nowMs, thresholdsHours);
  if (urgency !== state.lastUrgency) {
    state.box.className = `b ${urgency}`;
    host.setAttribute('data-urgency', urgency);
    state.lastUrgency = urgency;
    changed = true;
  }
  return changed;
}

/** The model a host currently shows (tests, reconciliation). */
export function badgeModelOf(host: Element): BadgeModel | null {
  return states.get(host)?.model ?? null;
}
