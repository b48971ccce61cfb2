import { groupBatches, type BatchExclusion } from '../core/batch/safe-batches';
import type { Platform } from '../core/model/vocabulary';
import { formatYuanDisplay, yuanToFen } from '../core/money/fen';
import type { CaseSummary } from '../protocol/views';
import { useMessages, type MessageKey } from './i18n';

/**
 * Safe batches in the side panel: the tab's cases that the shop's policy lets be agreed
 * without a call (CaseSummary.batch, computed by the worker with core/batch), in groups no
 * larger than the platform's batch limit. The agent ticks them on the page and presses the
 * platform's own 批量同意退款 — the extension never clicks anything on the page. Text only.
 */

type BatchLimits = Record<Platform, { count: number; yuan: number }>;

const clipId = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

export function BatchList(props: { cases: readonly CaseSummary[]; limits: BatchLimits; enabled?: boolean }) {
  const { t, tCount } = useMessages();
  if (props.enabled === false) return null;
  const checked = props.cases.filter((c) => c.batch !== undefined && c.kind === 'refund');
  if (checked.length === 0) return null;
  const byPlatform = new Map<Platform, Array<CaseSummary & { refundFen: number }>>();
  const excluded = new Map<BatchExclusion, number>();
  for (const c of checked) {
    const b = c.batch!;
    if (b.ok) {
      const list = byPlatform.get(c.platform) ?? [];
      list.push({ ...c, refundFen: b.refundFen });
      byPlatform.set(c.platform, list);
    } else {
      // one reason per excluded case: its first (the order of BatchExclusion)
      const why = b.why[0]!;
      excluded.set(why, (excluded.get(why) ?? 0) + 1);
    }
  }
  return (
    <section class="batches" data-testid="batches">
      <h2>{t('batch_title')}</h2>
      {byPlatform.size === 0 && <p class="empty">{t('batch_none')}</p>}
      {[...byPlatform].map(([platform, cases]) => {
        const limit = props.limits[platform];
        const { batches, tooLarge } = groupBatches(cases, limit);
        return (
          <div class="batch-platform" data-platform={platform} key={platform}>
            <p class="batch-how">
              {tCount(
                'batch_how',
                cases.length,
                String(cases.length),
                t(`platform_${platform}` as MessageKey),
                String(limit.count),
                formatYuanDisplay(yuanToFen(limit.yuan)),
              )}
            </p>
            <ol class="batch-groups">
              {batches.map((b, i) => (
                <li
                  class="batch"
                  data-testid="batch"
                  data-count={b.cases.length}
                  data-total-fen={b.totalFen}
                  key={i}
                >
                  <p class="batch-head">
                    {tCount(
                      'batch_group',
                      b.cases.length,
                      String(i + 1),
                      String(b.cases.length),
                      formatYuanDisplay(b.totalFen),
                    )}
                  </p>
                  <ul class="batch-cases">
                    {b.cases.map((c) => (
                      <li data-testid="batch-case" data-case={c.key} key={c.key}>
                        <span class="case-id">{c.caseId ? clipId(c.caseId) : t('batch_no_id')}</span>{' '}
                        <span class="batch-amount">{formatYuanDisplay(c.refundFen)}</span>{' '}
                        {c.reason && (
                          <span class="case-reason" lang="zh-CN">
                            {c.reason.length > 20 ? `${c.reason.slice(0, 19)}…` : c.reason}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
            {tooLarge.length > 0 && (
              <p class="batch-too-large" data-testid="batch-too-large">
                {t(
                  'batch_too_large',
                  tooLarge.map((c) => (c.caseId ? clipId(c.caseId) : '—')).join(t('list_sep')),
                )}
              </p>
            )}
          </div>
        );
      })}
      <p class="batch-never-click">{t('batch_never_click')}</p>
      {excluded.size > 0 && (
        <p class="batch-excluded" data-testid="batch-excluded">
          {t(
            'batch_excluded',
            [...excluded]
              .map(([why, n]) => `${t(`batch_why_${why.replace(/-/g, '_')}` as MessageKey)} ${n}`)
              .join(t('list_sep')),
          )}
        </p>
      )}
      <p class="hint">{t('batch_limits_source')}</p>
    </section>
  );
}
