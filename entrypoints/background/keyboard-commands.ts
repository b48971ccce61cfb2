import type { CaseView } from '../../protocol/views';
import type { Evaluator } from './evaluation';
import { workerMessages, type WorkerMessages } from './notify-text';
import type { OpenTabs } from './open-tabs';

/**
 * The extension's keyboard commands (manifest `commands`, listed in the options page):
 *   `_execute_action`   opens the side panel (the toolbar button's behaviour, set in events.ts);
 *   `copy-first-reply`  copies the first suggested reply of the case the agent is on;
 *   `jump-most-urgent`  brings the most urgent open case's tab to the front, focuses the case
 *                       for the side panel and scrolls its badge into view.
 * The result is said on the page (a short line by our badge layer), never by touching the
 * platform's own controls.
 */
const COMMAND_COPY_REPLY = 'copy-first-reply';
const COMMAND_JUMP_URGENT = 'jump-most-urgent';

interface CommandDeps {
  tabs: OpenTabs;
  evaluator: Pick<Evaluator, 'settings'>;
  /** Put text on the clipboard (the offscreen document: a worker has no clipboard). */
  copy: (text: string) => Promise<void>;
  /** Tell a back-office tab: bring `key`'s badge into view, show `text`. */
  cue: (tabId: number, d: { key?: string; text: string }) => Promise<void>;
  /** Bring a tab (and its window) to the front. */
  activate: (tabId: number) => Promise<void>;
  /** Tell the extension pages (side panel) a tab's focus changed. */
  broadcast: (tabId: number) => Promise<void>;
}

type CommandResult =
  | { done: 'copied'; key: string; replyId: string }
  | { done: 'focused'; key: string; tabId: number }
  | { done: 'nothing'; why: 'no-tab' | 'no-case' | 'no-reply' | 'copy-failed' | 'queue-empty' };

/** The case's number as the agent knows it (退款编号 …, else 订单编号 …), for the line shown. */
function caseName({ t }: WorkerMessages, v: CaseView): string {
  const f = v.read.facts;
  if (f.refundId) return `${t('field_refundId')} ${f.refundId}`;
  if (f.orderId) return `${t('field_orderId')} ${f.orderId}`;
  return t(`bg_kind_${v.read.kind}`);
}

export class KeyboardCommands {
  constructor(private readonly deps: CommandDeps) {}

  run(name: string): Promise<CommandResult | null> {
    if (name === COMMAND_COPY_REPLY) return this.copyFirstReply();
    if (name === COMMAND_JUMP_URGENT) return this.jumpMostUrgent();
    return Promise.resolve(null);
  }

  /**
   * The case the agent is on: in the side panel's tab (the active back-office tab, else the
   * one used last), the case focused there by a badge, queue or panel click, else the tab's
   * first case — the one the panel shows expanded.
   */
  async focusedCase(): Promise<{ tabId: number | null; view: CaseView | null }> {
    const [tc, st] = await Promise.all([this.deps.tabs.tabCases(undefined), this.deps.tabs.state()]);
    const focus = st.focus;
    const focused = focus && focus.tabId === tc.tabId ? tc.cases.find((c) => c.key === focus.key) : undefined;
    return { tabId: tc.tabId, view: focused ?? tc.cases[0] ?? null };
  }

  async copyFirstReply(): Promise<CommandResult> {
    const m = workerMessages((await this.deps.evaluator.settings()).settings.locale);
    const { tabId, view } = await this.focusedCase();
    if (tabId === null) return { done: 'nothing', why: 'no-tab' };
    if (!view) {
      await this.deps.cue(tabId, { text: m.t('bg_cue_no_case') });
      return { done: 'nothing', why: 'no-case' };
    }
    const reply = view.guidance.replies[0];
    if (!reply) {
      await this.deps.cue(tabId, {
        key: view.key,
        text: m.t('bg_cue_no_reply', caseName(m, view)),
      });
      return { done: 'nothing', why: 'no-reply' };
    }
    try {
      await this.deps.copy(reply.text);
    } catch (e) {
      console.warn('[sentinel] keyboard copy failed', e);
      await this.deps.cue(tabId, { key: view.key, text: m.t('bg_cue_copy_failed') });
      return { done: 'nothing', why: 'copy-failed' };
    }
    const title = m.pick(reply.title);
    await this.deps.cue(tabId, {
      key: view.key,
      text: m.t('bg_cue_copied', title, caseName(m, view)),
    });
    return { done: 'copied', key: view.key, replyId: reply.id };
  }

  async jumpMostUrgent(): Promise<CommandResult> {
    const m = workerMessages((await this.deps.evaluator.settings()).settings.locale);
    const [first] = await this.deps.tabs.queue();
    if (!first) {
      const { tabId } = await this.focusedCase();
      if (tabId !== null) await this.deps.cue(tabId, { text: m.t('bg_cue_queue_empty') });
      return { done: 'nothing', why: 'queue-empty' };
    }
    const st = await this.deps.tabs.state();
    st.setFocus({ key: first.key, tabId: first.tabId });
    st.setLastTab(first.tabId);
    await this.deps
      .activate(first.tabId)
      .catch((e: unknown) => console.warn('[sentinel] could not bring the tab forward', e));
    await Promise.all([
      this.deps.broadcast(first.tabId),
      this.deps.cue(first.tabId, {
        key: first.key,
        text: m.t('bg_cue_most_urgent', caseName(m, first)),
      }),
    ]);
    return { done: 'focused', key: first.key, tabId: first.tabId };
  }
}
