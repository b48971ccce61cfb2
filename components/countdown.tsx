import { countdownText } from './countdown-badge';
import { urgencyOf, type ThresholdsHours } from '../core/urgency';
import { toEpochMs } from '../core/time/beijing';
import { useMessages } from './i18n';

/**
 * A live countdown (the side panel's ticking clock passes `nowMs`): `2天23时07分`, past the
 * deadline `已超时 1时05分`, in the locale of the page's messages (LocaleContext).
 */
export function Countdown(props: { dueAt: string; nowMs: number; thresholdsHours: ThresholdsHours }) {
  const m = useMessages();
  const due = toEpochMs(props.dueAt);
  const urgency = urgencyOf(due, props.nowMs, props.thresholdsHours);
  return (
    <span class={`countdown u-${urgency}`} data-testid="countdown" data-urgency={urgency}>
      {countdownText(due, props.nowMs, m)}
    </span>
  );
}
