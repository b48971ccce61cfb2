import type { Citation, Guidance } from '../core/model/guidance';
import type { ThresholdsHours } from '../core/urgency';
import { Countdown } from './countdown';
import { sourceTitle, useMessages, type UiMessages } from './i18n';

/**
 * "If you refuse" (one line beside the verdict) and "evidence on time" (the checklist for
 * the case's reason against the deadline it is due by) — both pack data with their seed
 * passages (guidance.refusal / guidance.evidence). Text only.
 */

const cites = (m: UiMessages, cs: readonly Citation[]) =>
  cs.map((c) => `${sourceTitle(m, c.source)} · ${c.passage}`).join('；');

export function RefusalLine(props: { refusal: NonNullable<Guidance['refusal']> }) {
  const m = useMessages();
  const { t, pick } = m;
  const { refusal } = props;
  return (
    <p class="refusal" data-testid="refusal" data-rule={refusal.ruleId} title={cites(m, refusal.citations)}>
      {pick(refusal.text)}
      <span class="note-source">{t('paren', cites(m, refusal.citations.slice(0, 1)))}</span>
    </p>
  );
}

const wall = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

export function EvidenceList(props: {
  evidence: NonNullable<Guidance['evidence']>;
  deadlines: Guidance['deadlines'];
  nowMs: number;
  thresholdsHours: ThresholdsHours;
}) {
  const m = useMessages();
  const { t, pick } = m;
  const { evidence } = props;
  const deadline =
    evidence.deadlineId === null ? undefined : props.deadlines.find((d) => d.id === evidence.deadlineId);
  return (
    <div
      class="evidence"
      data-testid="evidence"
      data-rule={evidence.ruleId}
      data-deadline={deadline?.id ?? ''}
    >
      <p class="evidence-due" data-testid="evidence-due">
        {deadline ? (
          <>
            {t('evidence_due', pick(deadline.label), wall(deadline.dueAt))}{' '}
            <Countdown dueAt={deadline.dueAt} nowMs={props.nowMs} thresholdsHours={props.thresholdsHours} />
          </>
        ) : (
          t('evidence_due_unknown')
        )}
      </p>
      <p class="evidence-when" title={cites(m, [evidence.citation])}>
        {pick(evidence.text)}
      </p>
      <ul class="evidence-items">
        {evidence.items.map((i) => (
          <li data-testid="evidence-item" data-rule={i.ruleId} key={i.ruleId} title={cites(m, [i.citation])}>
            <span aria-hidden="true">☐ </span>
            {pick(i.text)}
            <span class="note-source">{t('paren', cites(m, [i.citation]))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
