import { useMessages, sourceTitle } from './i18n';

/** What the options page shows about a rule pack (presentational). */
interface PackSummaryInfo {
  id: string;
  version: string;
  importedAt: string;
  ruleCount: number;
  source: 'default' | 'file' | 'url';
  sourceUrl?: string;
}

export interface PackRuleRow {
  id: string;
  type: string;
  reason?: { zh: string; en: string };
  citation?: { source: string; passage: string; authority?: string };
}

const SOURCE_KEY = {
  default: 'opt_pack_source_default',
  file: 'opt_pack_source_file',
  url: 'opt_pack_source_url',
} as const;

/** `2026-11-20T10:00:00+08:00` → `2026-11-20 10:00` (already Beijing time). */
export function formatBeijing(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? iso.slice(0, 16).replace('T', ' ') : iso;
}

export function PackSummary(props: { info: PackSummaryInfo; testid: string; rules?: PackRuleRow[] }) {
  const m = useMessages();
  const { t, tKnown, pick } = m;
  const { info, rules } = props;
  return (
    <div class="pack" data-testid={props.testid} data-pack-id={info.id} data-pack-version={info.version}>
      <div class="pack-id">
        <strong>{info.id}</strong> · {info.version}
      </div>
      <dl>
        <dt>{t('opt_pack_imported_at')}</dt>
        <dd>{formatBeijing(info.importedAt)}</dd>
        <dt>{t('opt_pack_rule_count')}</dt>
        <dd data-testid="pack-rule-count">{info.ruleCount}</dd>
        <dt>{t('opt_pack_source')}</dt>
        <dd>
          {t(SOURCE_KEY[info.source])}
          {info.sourceUrl ? ` (${info.sourceUrl})` : ''}
        </dd>
      </dl>
      {rules && rules.length > 0 && (
        <details data-testid="pack-rules">
          <summary>{t('opt_pack_show_rules')}</summary>
          <ol>
            {rules.map((r) => (
              <li key={r.id} data-testid="pack-rule" data-rule-id={r.id}>
                <code>{r.id}</code> <span class="rule-type">[{r.type}]</span> {r.reason ? pick(r.reason) : ''}
                {r.citation && (
                  <div class="citation">
                    {t('opt_rule_citation')}
                    {t('label_sep')}
                    <span title={r.citation.source}>{sourceTitle(m, r.citation.source)}</span> —{' '}
                    <span lang="zh-CN">{r.citation.passage}</span>
                    {r.citation.authority && r.citation.authority !== 'platform'
                      ? t('paren', tKnown(`authority_${r.citation.authority}`) ?? r.citation.authority)
                      : ''}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
