import type { Platform } from '../core/model/vocabulary';
import { useMessages } from './i18n';

/**
 * The side panel's one question when a page does not say whether the shop is on 天猫 or
 * 淘宝 (the workbench serves both): the cases wait, unjudged, until the agent answers.
 * The answer is remembered for the shop, so it is asked once per shop.
 */
export function PlatformQuestion(props: {
  waiting: number;
  shop: string;
  answered: Platform | null;
  onAnswer: (p: Platform) => void;
}) {
  const { t, tCount } = useMessages();
  const { waiting, shop, answered, onAnswer } = props;
  return (
    <section
      class="platform-question"
      role="group"
      aria-labelledby="platform-question-title"
      data-testid="platform-question"
    >
      <h2 id="platform-question-title">
        {shop ? t('panel_platform_question_shop', shop) : t('panel_platform_question')}
      </h2>
      <p>{tCount('panel_platform_waiting', waiting, waiting)}</p>
      <div class="platform-answers">
        {(['tmall', 'taobao'] as const).map((p) => (
          <button
            type="button"
            key={p}
            data-testid={`platform-answer-${p}`}
            disabled={answered !== null}
            aria-pressed={answered === p}
            onClick={() => onAnswer(p)}
          >
            {t(p === 'tmall' ? 'platform_tmall' : 'platform_taobao')}
          </button>
        ))}
      </div>
      <p class="hint">
        {answered
          ? t('panel_platform_saved', t(answered === 'tmall' ? 'platform_tmall' : 'platform_taobao'))
          : t('panel_platform_once')}
      </p>
    </section>
  );
}
