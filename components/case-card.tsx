import type { Deadline, Explanation, Guidance } from '../core/model/guidance';
import type { PanelRead } from '../core/model/facts';
import type { ThresholdsHours } from '../core/urgency';
import { Countdown } from './countdown';
import { ReplyList, type CopyText } from './reply-list';
import { MemoLine } from './memo-line';
import { SettleLine, type SettleApi } from './settle-line';
import { EvidenceList, RefusalLine } from './evidence-list';
import { useMessages, sourceTitle, type MessageKey, type UiMessages } from './i18n';
import { sortDeadlines } from '../core/urgency';
import { DEFAULT_DEADLINE_KINDS } from '../core/day/deadline-kinds';
import { secondSourceMessage } from '../core/pages/second-source';

/**
 * One case in the side panel: deadlines (most urgent first, breached shown negative), the
 * compensation verdict in one sentence with its "why", penalty risk, next actions in order,
 * suggested replies, and warnings. Presentational: data in, nothing fetched here.
 */

interface CaseData {
  key: string;
  read: PanelRead;
  guidance: Guidance;
}

/**
 * What a case's title line and the queue show: the side panel gets it as a CaseSummary
 * (messaging `getTabSummaries` / `getQueueSummaries`) for every case it lists, and the full
 * CaseData only for the case it shows expanded.
 */
export interface CaseHead {
  key: string;
  platform: PanelRead['platform'];
  kind: PanelRead['kind'];
  /** refundId ?? orderId as scraped */
  caseId?: string;
  /** Which of the two caseId is: an order number is labelled as one (a complaint list shows no 投诉编号). */
  caseIdField?: 'refundId' | 'orderId';
  /** reason ?? complaintType as scraped */
  reason?: string;
  /** The due time the case is ordered by (core/urgency.ts caseDue: its headline deadline); null: none. */
  due: string | null;
  compensation: { triggered: boolean; amount: string | null };
}

function fieldName({ t }: UiMessages, field: string): string {
  const label = t(`field_${field}` as MessageKey);
  return label.startsWith('field_') ? field : label;
}

/**
 * `lang` for a text quoted as it is (scraped from the page, a source's passage): zh-CN when it
 * has Chinese in it, so an English panel renders it with a Chinese font and a screen reader
 * reads it as Chinese — and it is marked as quoted, not as untranslated UI.
 */
const quotedLang = (text: string): 'zh-CN' | undefined =>
  /\p{Script=Han}/u.test(text) ? 'zh-CN' : undefined;

/** Scraped text is cut for display (a hostile page can put megabytes in a cell). */
const MAX_SCRAPED_CHARS = 80;
function clip(text: string, max = MAX_SCRAPED_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `实付金额、付款时间`: field names in the locale of `m`. */
export const fieldList = (m: UiMessages, fields: readonly string[]) =>
  fields.map((f) => fieldName(m, f)).join(m.t('list_sep'));

/** `2026-11-20T10:00:00+08:00` → `2026-11-20 10:00` */
const wall = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** The compensation verdict as ONE sentence, with the amount when there is one. */
export function verdictSentence(m: UiMessages, c: CaseData): string {
  const { t, pick } = m;
  const { guidance, read } = c;
  const comp = guidance.compensation;
  const scraped = read.facts.reason ?? read.facts.complaintType;
  const reason = scraped === undefined ? undefined : clip(scraped);
  if (comp.triggered) {
    const shown = reason ?? pick(comp.explanation);
    // A claim (counterfeit, serious delay …) pays only once it is established.
    const ifConfirmed = comp.confirm ? t('verdict_if_confirmed') : '';
    if (comp.amount) return ifConfirmed + t('verdict_triggered', shown, comp.amount);
    const missing = new Set<string>();
    for (const w of guidance.warnings)
      if (w.code === 'unreadable-field' || w.code === 'missing-fact')
        for (const f of w.fields ?? []) missing.add(f);
    for (const f of read.unreadable) missing.add(f);
    // Every field was read: the rule itself gives no amount (never estimated, never blamed on the page).
    if (missing.size === 0) return ifConfirmed + t('verdict_triggered_no_rule_amount', shown);
    return ifConfirmed + t('verdict_triggered_no_amount', shown, fieldList(m, [...missing]));
  }
  if (!reason) return t('verdict_no_reason');
  if (guidance.warnings.some((w) => w.code === 'unknown-reason')) return t('verdict_unknown_reason', reason);
  return t('verdict_not_triggered', reason);
}

/** A fact or explanation key in the agent's words (`ledgerSumWindow` → 时段内已赔付). */
function whyKey(m: UiMessages, k: string): string {
  // A deadline a check compared against (`deadline:ship-promise`): its label, never the id.
  const kind = k.startsWith('deadline:') ? DEFAULT_DEADLINE_KINDS[k.slice('deadline:'.length)] : undefined;
  if (kind) return m.pick(kind.label);
  const name = fieldName(m, k);
  return name !== k ? name : (m.tKnown(`why_key_${k}`) ?? k);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

/** Facts that are amounts of money in yuan (numbers as read, or `0.00` strings): shown as `500.00 元`. */
const MONEY_KEYS = new Set(['paidAmount', 'refundAmount', 'shippingFee', 'ledgerSumWindow', 'orderAmount']);

/** A value as an agent reads it: times as `2026-12-04 09:09`, yes/no, reason categories by name. */
function factValue(m: UiMessages, k: string, v: unknown): string {
  const { t, tKnown } = m;
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return t(v ? 'value_yes' : 'value_no');
  if (MONEY_KEYS.has(k) && (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))))
    return t('value_yuan', Number(v).toFixed(2));
  if (Array.isArray(v))
    return clip(
      v.map((x) => (typeof x === 'string' ? whyKey(m, x) : factValue(m, k, x))).join(t('list_sep')),
    );
  if (typeof v === 'string') {
    if (ISO_TIME.test(v) && v.includes('+08:00')) return wall(v);
    if (k === 'category') return tKnown(`category_${v.replace(/-/g, '_')}`) ?? clip(v);
    return clip(v);
  }
  return clip(JSON.stringify(v) ?? '—');
}

function Why(props: { items: readonly Explanation[]; summary: string }) {
  const m = useMessages();
  const { t, pick } = m;
  return (
    <details class="why" data-testid="why">
      <summary>{t('verdict_why')}</summary>
      <p>{props.summary}</p>
      {props.items.map((e, i) => (
        <div class="why-item" key={`${e.ruleId}-${i}`} data-rule={e.ruleId}>
          <p title={e.ruleId}>
            <span class="k">{t('why_rule')}</span> {pick(e.reason)}
          </p>
          <p>
            <span class="k">{t('why_source')}</span>{' '}
            <span class="source" title={e.citation.source}>
              {sourceTitle(m, e.citation.source)}
            </span>{' '}
            ·{' '}
            <span class="passage" lang={quotedLang(e.citation.passage)}>
              {e.citation.passage}
            </span>
            {t('paren', t(`authority_${e.citation.authority}` as MessageKey))}
          </p>
          <p>
            <span class="k">{t('why_facts')}</span>{' '}
            {Object.entries(e.facts).map(([k, v], j) => (
              <span class="fact" key={k}>
                {j > 0 ? t('list_sep') : ''}
                {whyKey(m, k)}
                {t('label_sep')}
                <span lang={quotedLang(factValue(m, k, v))}>{factValue(m, k, v)}</span>
              </span>
            ))}
          </p>
        </div>
      ))}
    </details>
  );
}

function DeadlineRow(props: { d: Deadline; nowMs: number; thresholdsHours: ThresholdsHours }) {
  const { t, pick } = useMessages();
  const { d } = props;
  return (
    <li
      class="deadline"
      data-testid="deadline"
      data-deadline={d.id}
      data-due={d.dueAt}
      title={pick(d.consequence)}
    >
      <span class="dl-label">{pick(d.label)}</span>
      <Countdown dueAt={d.dueAt} nowMs={props.nowMs} thresholdsHours={props.thresholdsHours} />
      <span class="dl-meta">
        {t('deadline_due', wall(d.dueAt))} · {t(`actor_${d.actor}` as MessageKey)} ·{' '}
        {t(`source_${d.source}` as MessageKey)}
      </span>
      <span class="dl-consequence">{pick(d.consequence)}</span>
    </li>
  );
}

export function CaseTitle(props: { c: CaseHead }) {
  const m = useMessages();
  const { t } = m;
  const { c } = props;
  return (
    <span class="case-title">
      <span class="tag">{t(`platform_${c.platform}` as MessageKey)}</span>
      <span class="tag">{t(`kind_${c.kind}` as MessageKey)}</span>
      {c.caseId && (
        <span class="case-id" title={fieldName(m, c.caseIdField ?? 'refundId')}>
          {c.caseIdField === 'orderId' && <span class="id-kind">{t('case_order_prefix')}</span>}
          {clip(c.caseId, 40)}
        </span>
      )}
      {c.reason && (
        <span class="case-reason" title={clip(c.reason, 400)} lang={quotedLang(c.reason)}>
          {clip(c.reason, 40)}
        </span>
      )}
    </span>
  );
}

/** `以下回复针对 退款编号 202611200001` (the order number when no refund number was read). */
function repliesFor(m: UiMessages, read: PanelRead): string | undefined {
  const id = read.facts.refundId
    ? (['refundId', read.facts.refundId] as const)
    : read.facts.orderId
      ? (['orderId', read.facts.orderId] as const)
      : null;
  return id ? m.t('replies_for', fieldName(m, id[0]), clip(id[1], 40)) : undefined;
}

type Action = Guidance['actions'][number];

/** At most three first steps in order, then the shop's remedy ladder, then the rest behind a disclosure. */
function Actions(props: { actions: readonly Action[] }) {
  const { t, pick } = useMessages();
  const first = props.actions.filter((a) => (a.group ?? 'first') === 'first');
  const ladder = props.actions.filter((a) => a.group === 'ladder');
  const more = props.actions.filter((a) => a.group === 'more');
  const item = (a: Action) => (
    <li data-testid="action" data-action={a.id} data-group={a.group ?? 'first'} key={a.id}>
      {pick(a.text)}
    </li>
  );
  return (
    <>
      {first.length > 0 && <ol class="actions">{first.map(item)}</ol>}
      {ladder.length > 0 && (
        <>
          <h4 class="actions-group">{t('actions_ladder')}</h4>
          <ol class="actions ladder">{ladder.map(item)}</ol>
        </>
      )}
      {more.length > 0 && (
        <details class="actions-more">
          <summary>{t('actions_more', more.length)}</summary>
          <ol class="actions">{more.map(item)}</ol>
        </details>
      )}
    </>
  );
}

/** The penalty points the case may cost the shop, and when; a plain "none" when it costs none. */
function Penalties(props: { penalties: Guidance['penalties'] }) {
  const { t, tCount, pick } = useMessages();
  return (
    <section>
      <h3>{t('section_penalty')}</h3>
      {props.penalties.length === 0 ? (
        <p class="penalty" data-testid="penalty" data-points="0">
          {t('penalty_none')}
        </p>
      ) : (
        <ul class="penalties">
          {props.penalties.map((p, i) => (
            <li class="penalty" data-testid="penalty" data-points={p.points} data-rule={p.ruleId} key={i}>
              {tCount('penalty_points', p.points, p.points, pick(p.when))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The pack's notes for this case, each with its source. */
function Notes(props: { notes: NonNullable<Guidance['notes']> }) {
  const m = useMessages();
  const { t, pick } = m;
  return (
    <section>
      <h3>{t('section_notes')}</h3>
      <ul class="notes">
        {props.notes.map((n) => (
          <li data-testid="note" data-rule={n.ruleId} key={n.ruleId} title={n.citation.source}>
            {pick(n.text)}
            <span class="note-source">
              {t('paren', `${sourceTitle(m, n.citation.source)} · ${n.citation.passage}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `memo`: the agent's signature and the shop's 备注 template (settings.shopPolicy), for the memo line. */
/** `settle`: the ledger, for recording the agent's 同意赔付 on a complaint (side panel). */
export function CaseCard(props: {
  c: CaseData;
  nowMs: number;
  thresholdsHours: ThresholdsHours;
  copy?: CopyText;
  memo?: { signature?: string; template?: string };
  settle?: SettleApi;
  tabId?: number;
}) {
  const m = useMessages();
  const { t, pick } = m;
  const { c, nowMs, thresholdsHours } = props;
  const g = c.guidance;
  if (g.unevaluated) {
    // Nothing was computed: no "no deadline", no "not triggered" — only why.
    return (
      <article class="case-card" data-testid="case-detail" data-case={c.key}>
        <p role="alert" class="warning" data-testid="warning" data-code="pack-limit">
          {pick(g.unevaluated)}
        </p>
      </article>
    );
  }
  return (
    <article class="case-card" data-testid="case-detail" data-case={c.key}>
      <Deadlines deadlines={g.deadlines} nowMs={nowMs} thresholdsHours={thresholdsHours} />
      <Compensation c={c} settle={props.settle} tabId={props.tabId} />
      {g.evidence && (
        <section>
          <h3>{t('section_evidence')}</h3>
          <EvidenceList
            evidence={g.evidence}
            deadlines={g.deadlines}
            nowMs={nowMs}
            thresholdsHours={thresholdsHours}
          />
        </section>
      )}
      <Penalties penalties={g.penalties} />
      <section>
        <h3>{t('section_actions')}</h3>
        {g.actions.length === 0 ? <p class="empty">{t('actions_none')}</p> : <Actions actions={g.actions} />}
      </section>
      {g.notes && g.notes.length > 0 && <Notes notes={g.notes} />}
      <section>
        <h3>{t('section_replies')}</h3>
        <ReplyList replies={g.replies} copy={props.copy} for={repliesFor(m, c.read)} />
      </section>
      <section>
        <h3>{t('section_memo')}</h3>
        <MemoLine
          guidance={g}
          facts={c.read.facts}
          signature={props.memo?.signature}
          template={props.memo?.template}
          nowMs={nowMs}
          copy={props.copy}
        />
      </section>
      <Warnings c={c} />
    </article>
  );
}

/** The case's deadlines, most urgent first. */
function Deadlines(props: { deadlines: Deadline[]; nowMs: number; thresholdsHours: ThresholdsHours }) {
  const { t } = useMessages();
  const deadlines = sortDeadlines(props.deadlines);
  return (
    <section>
      <h3>{t('section_deadlines')}</h3>
      {deadlines.length === 0 ? (
        <p class="empty">{t('deadline_none')}</p>
      ) : (
        <ol class="deadlines">
          {deadlines.map((d) => (
            <DeadlineRow key={d.id} d={d} nowMs={props.nowMs} thresholdsHours={props.thresholdsHours} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The compensation verdict in one sentence, whether it is contestable or needs confirming, settling, refusing, and why. */
function Compensation(props: { c: CaseData; settle?: SettleApi; tabId?: number }) {
  const m = useMessages();
  const { t, pick } = m;
  const { c } = props;
  const g = c.guidance;
  // The verdict's "why": how the reason was classified, the compensation rule that fired and,
  // when the facts contradict the reason, the check and the deadline it compared against.
  const compWhy = g.explanation.filter(
    (e) => e.verdict === 'reason' || e.verdict.startsWith('compensation') || e.verdict.startsWith('contest'),
  );
  return (
    <section>
      <h3>{t('section_compensation')}</h3>
      <p
        class={`verdict ${g.compensation.triggered ? 'triggered' : ''}`}
        data-testid="verdict"
        data-triggered={String(g.compensation.triggered)}
      >
        {verdictSentence(m, c)}
      </p>
      {g.compensation.contestable && (
        <div class="contestable" data-testid="contestable">
          <p>{t('contestable')}</p>
          <p>{t('contestable_advice')}</p>
        </div>
      )}
      {g.compensation.triggered && g.compensation.confirm && (
        <p class="confirm" data-testid="verdict-confirm">
          {t('verdict_confirm', pick(g.compensation.confirm))}
        </p>
      )}
      {props.settle &&
        c.read.kind === 'complaint' &&
        g.compensation.triggered &&
        !g.compensation.contestable && (
          <SettleLine caseKey={c.key} tabId={props.tabId} amount={g.compensation.amount} api={props.settle} />
        )}
      {g.refusal && <RefusalLine refusal={g.refusal} />}
      <Why items={compWhy} summary={pick(g.compensation.explanation)} />
    </section>
  );
}

/**
 * Unreadable fields (one line naming them all), where the page's embedded data disagrees with
 * it (both values named), and the guidance's warnings; nothing when there are none.
 */
function Warnings(props: { c: CaseData }) {
  const m = useMessages();
  const { t, pick } = m;
  const unreadable = props.c.read.unreadable;
  const marks = props.c.read.secondSource ?? [];
  const warnings = props.c.guidance.warnings.filter(
    (w) => !(w.code === 'unreadable-field' && unreadable.length > 0),
  );
  if (warnings.length === 0 && unreadable.length === 0 && marks.length === 0) return null;
  return (
    <section>
      <h3>{t('section_warnings')}</h3>
      <ul class="warnings">
        {unreadable.length > 0 && (
          <li
            class="warning"
            data-testid="warning"
            data-code="unreadable-field"
            data-fields={unreadable.join(',')}
          >
            {t('warning_unreadable', fieldList(m, unreadable))}
          </li>
        )}
        {marks.map((m) => (
          <li
            class="warning"
            data-testid="warning"
            data-code="second-source-disagrees"
            data-fields={m.field}
            key={m.field}
          >
            {pick(secondSourceMessage(m))}
          </li>
        ))}
        {warnings.map((w, i) => (
          <li class="warning" data-testid="warning" data-code={w.code} key={i}>
            {pick(w.message)}
          </li>
        ))}
      </ul>
    </section>
  );
}
