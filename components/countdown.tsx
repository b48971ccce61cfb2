import { countdownText } from './countdown-badge';
import { urgencyOf, type ThresholdsHours } from '../core/urgency';
import { toEpochMs } from '../core/time/beijing';
import type { UiLocale } from './i18n';

/** A live countdown (the side panel's ticking clock passes `nowMs`): `2天23时07分`, negative when breached. */
export function Countdown(props: {
  dueAt: string;
  nowMs: number;
  thresholdsHours: ThresholdsHours;
  locale: UiLocale;
}) {
  const due = toEpochMs(props.dueAt);
  const urgency = urgencyOf(due, props.nowMs, props.thresholdsHours);
  return (
    <span class={`countdown u-${urgency}`} data-testid="countdown" data-urgency={urgency}>
      {countdownText(due, props.nowMs, props.locale)}
    </span>
  );
}
