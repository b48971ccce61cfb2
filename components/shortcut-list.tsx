import { useMessages, type MessageKey } from './i18n';

/** A keyboard command as the browser reports it (`commands.getAll()`). */
export interface Shortcut {
  name: string;
  /** The keys, e.g. `Alt+Shift+V`; empty when the agent removed it or another extension took it. */
  shortcut: string;
}

/** Our names for the commands (the browser's description of `_execute_action` is empty). */
const LABELS: Record<string, MessageKey> = {
  _execute_action: 'cmd_open_panel',
  'copy-first-reply': 'cmd_copy_reply',
  'jump-most-urgent': 'cmd_jump_urgent',
};

/**
 * The options page's list of keyboard commands with their current keys, and the way to
 * change them (the browser's own shortcuts page: an extension cannot set keys itself).
 */
export function ShortcutList(props: { shortcuts: readonly Shortcut[]; onChange?: () => void }) {
  const { t } = useMessages();
  const known = props.shortcuts.filter((s) => LABELS[s.name]);
  return (
    <section data-testid="shortcuts">
      <h2>{t('opt_section_shortcuts')}</h2>
      {known.length === 0 ? (
        <p class="hint">{t('opt_shortcuts_unavailable')}</p>
      ) : (
        <table class="shortcuts">
          <tbody>
            {known.map((s) => (
              <tr key={s.name} data-testid="shortcut" data-command={s.name}>
                <td>{t(LABELS[s.name]!)}</td>
                <td>
                  {s.shortcut ? <kbd>{s.shortcut}</kbd> : <span class="hint">{t('opt_shortcut_none')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{t('opt_shortcuts_hint')}</p>
      {props.onChange && (
        <p class="buttons">
          <button type="button" data-testid="shortcuts-change" onClick={props.onChange}>
            {t('opt_shortcuts_change')}
          </button>
        </p>
      )}
    </section>
  );
}
