import { useState } from 'preact/hooks';
import { PackSummary, type PackRuleRow } from '../../components/pack-summary';
import { PackPreviewPanel } from '../../components/pack-preview';
import { useMessages, type UiMessages } from '../../components/i18n';
import type { PackInfo, PackPreview, TeamPackStatus } from '../../protocol/map';
import type { OptionsApi } from './options-api';
import type { PackProfile } from './settings-form';

/** The active and previous packs, import (file), export and reset, with what the last action said. */

type PackMessage = {
  kind: 'error' | 'imported' | 'staged' | 'discarded' | 'reset';
  text: string;
  warnings?: string[];
} | null;
type Packs = {
  active: PackInfo;
  previous: PackInfo | null;
  team?: TeamPackStatus;
  pending?: PackPreview | null;
  readOnly?: { zh: string; en: string } | null;
} | null;

export function PackSection(props: {
  packs: Packs;
  rules: PackRuleRow[];
  packMsg: PackMessage;
  onFile: (e: Event) => void;
  onDecide: (pending: PackPreview, accept: boolean) => void;
  onExport: () => void;
  onReset: () => void;
}) {
  const { t } = useMessages();
  const pending = props.packs?.pending;
  return (
    <section>
      <h2>{t('opt_section_pack')}</h2>
      {props.packs && (
        <>
          <h3>{t('opt_pack_active')}</h3>
          <PackSummary info={props.packs.active} testid="active-pack" rules={props.rules} />
          <h3>{t('opt_pack_previous')}</h3>
          {props.packs.previous ? (
            <PackSummary info={props.packs.previous} testid="previous-pack" />
          ) : (
            <p data-testid="previous-pack">{t('opt_pack_none')}</p>
          )}
        </>
      )}
      <label class="field">
        <span>{t('opt_pack_import')}</span>
        <input type="file" accept="application/json,.json" data-testid="pack-file" onChange={props.onFile} />
      </label>
      {props.packMsg?.kind === 'error' && (
        <div role="alert" class="error">
          <p>{t('opt_pack_error')}</p>
          <pre data-testid="pack-error">{props.packMsg.text}</pre>
        </div>
      )}
      {props.packMsg && props.packMsg.kind !== 'error' && (
        <p data-testid={`pack-${props.packMsg.kind === 'reset' ? 'reset-done' : props.packMsg.kind}`}>
          {props.packMsg.text}
        </p>
      )}
      {pending && (
        <PackPreviewPanel preview={pending} onDecide={(accept) => props.onDecide(pending, accept)} />
      )}
      {props.packMsg?.warnings && props.packMsg.warnings.length > 0 && (
        <div data-testid="pack-warnings">
          {t('opt_pack_warnings')}
          <ul>
            {props.packMsg.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="buttons">
        <button type="button" data-testid="pack-export" onClick={props.onExport}>
          {t('opt_pack_export')}
        </button>{' '}
        <button type="button" data-testid="pack-reset" onClick={props.onReset}>
          {t('opt_pack_reset')}
        </button>
      </p>
    </section>
  );
}

function packContents(json: string): { rules: PackRuleRow[]; profiles: PackProfile[] } {
  try {
    const parsed = JSON.parse(json) as { rules?: unknown; profiles?: unknown };
    const rules = Array.isArray(parsed.rules)
      ? (parsed.rules as PackRuleRow[]).filter((r) => r && typeof r.id === 'string')
      : [];
    const profiles = Array.isArray(parsed.profiles)
      ? (parsed.profiles as PackProfile[]).filter((p) => p && typeof p.id === 'string')
      : [];
    return { rules, profiles };
  } catch {
    return { rules: [], profiles: [] };
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The packs as the options page shows them, and what the agent does with them. `messages`
 * gives the page's texts at the time of an action (the locale may change after this hook runs).
 */
export function usePacks(api: OptionsApi, messages: () => UiMessages) {
  const [packs, setPacks] = useState<Packs>(null);
  const [rules, setRules] = useState<PackRuleRow[]>([]);
  const [profiles, setProfiles] = useState<PackProfile[]>([]);
  const [packMsg, setPackMsg] = useState<PackMessage>(null);

  async function loadPacks() {
    const [info, exported] = await Promise.all([api.getPackInfo(), api.exportPack()]);
    setPacks(info);
    const contents = packContents(exported.json);
    setRules(contents.rules);
    setProfiles(contents.profiles);
  }

  const onFile = async (e: Event) => {
    const { t } = messages();
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const text = await file.text();
      // Staged, not active: the preview below shows what changes; the agent confirms or discards.
      const result = await api.importPack(text);
      if (result.ok) {
        setPackMsg({
          kind: 'staged',
          text: t('opt_pack_staged', result.preview.info.id, result.preview.info.version),
        });
      } else {
        setPackMsg({ kind: 'error', text: result.error });
      }
    } catch (err) {
      setPackMsg({ kind: 'error', text: message(err) });
    }
    input.value = '';
    await loadPacks();
  };

  /** The agent's answer to the pending pack's preview; a flagged pack asks once more. */
  const onDecide = async (pending: PackPreview, accept: boolean) => {
    const { t } = messages();
    if (
      accept &&
      pending.flags.length > 0 &&
      !(api.confirm ?? ((text: string) => window.confirm(text)))(
        t('opt_pack_flags_confirm', pending.flags.length),
      )
    )
      return;
    try {
      const result = await api.decidePack(pending.token, accept);
      if (!result.ok) setPackMsg({ kind: 'error', text: result.error });
      else if (result.discarded) setPackMsg({ kind: 'discarded', text: t('opt_pack_discarded') });
      else if (result.info)
        setPackMsg({
          kind: 'imported',
          text: t('opt_pack_imported', result.info.id, result.info.version),
          warnings: result.warnings,
        });
    } catch (err) {
      setPackMsg({ kind: 'error', text: message(err) });
    }
    await loadPacks();
  };

  /** A pack action's failure is shown as a pack error (never an unhandled rejection). */
  const packAction = (action: () => Promise<void>) => {
    action().catch((err: unknown) => setPackMsg({ kind: 'error', text: message(err) }));
  };

  const onExport = async () => {
    const { json } = await api.exportPack();
    const name = packs ? `${packs.active.id}-${packs.active.version}.json` : 'rule-pack.json';
    api.download(name.replace(/[^\w.-]+/g, '_'), json);
  };

  const onReset = async () => {
    const { t } = messages();
    // The platform's pages are never clicked; this is our own page asking the agent.
    if (!(api.confirm ?? ((text: string) => window.confirm(text)))(t('opt_pack_reset_confirm'))) return;
    await api.resetPack();
    setPackMsg({ kind: 'reset', text: t('opt_pack_reset_done') });
    await loadPacks();
  };

  const onRefreshTeam = async () => {
    await api.refreshTeamPack();
    await loadPacks();
  };

  return {
    packs,
    rules,
    profiles,
    packMsg,
    loadPacks,
    packAction,
    onFile,
    onDecide,
    onExport,
    onReset,
    onRefreshTeam,
  };
}
