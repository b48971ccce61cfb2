import { browser } from '#imports';
import { missedCrossings, parseAlarmName } from './deadline-alarms';
import type { Evaluator } from './evaluation';
import { evidenceNote, workerMessages } from './notify-text';
import type { OpenTabs } from './open-tabs';
import { HOUR_MS } from '../../core/time/units';

interface NotifierDeps {
  tabs: OpenTabs;
  evaluator: Evaluator;
  nowMs: () => number;
}

/** Deadline warnings as browser notifications, each crossing shown once (across restarts too). */
export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /**
   * An alarm fired (`fired`), or the worker started: the crossing that fired, unless a later
   * crossing of the same deadline has passed too (asleep across both: that one says how close
   * it is now), then every other warning whose alarm never fired in time — each shown once
   * (deadline-alarms missedCrossings; the notified ids persist across worker restarts).
   */
  async notifyCrossings(fired?: string): Promise<void> {
    const { tabs, evaluator } = this.deps;
    const [st, c] = await Promise.all([tabs.state(), evaluator.context()]);
    const missed = missedCrossings(
      tabs.allViews(st, c),
      c.settings.warningThresholdsHours,
      this.deps.nowMs(),
    );
    const p = fired === undefined ? null : parseAlarmName(fired);
    if (
      fired !== undefined &&
      p &&
      !missed.some(
        (x) =>
          x.caseKey === p.caseKey && x.deadlineId === p.deadlineId && x.thresholdHours < p.thresholdHours,
      )
    ) {
      await this.notifyCrossing(fired);
    }
    for (const x of missed) {
      try {
        await this.notifyCrossing(x.name);
      } catch (e) {
        console.warn('[sentinel] missed warning not shown', x.name, e);
      }
    }
  }

  private async notifyCrossing(name: string): Promise<void> {
    const parsed = parseAlarmName(name);
    if (!parsed) return;
    const { tabs, evaluator, nowMs } = this.deps;
    const c = await tabs.find(parsed.caseKey);
    const d = c?.guidance.deadlines.find((x) => x.id === parsed.deadlineId);
    if (!c || !d || parsed.thresholdHours <= 0) return;
    const due = Date.parse(d.dueAt);
    if (due <= nowMs()) return; // too late to warn; the badge and panel show it breached
    const id = `${name}@${d.dueAt}`;
    const st = await tabs.state();
    if (st.wasNotified(id)) return;
    const { settings } = await evaluator.context();
    const m = workerMessages(settings.locale);
    const num = c.read.facts.orderId ?? c.read.facts.refundId;
    const kind = m.t(`bg_kind_${c.read.kind}`);
    const who = num ? `${kind} ${num}` : kind;
    const label = m.pick(d.label);
    const hoursLeft = Math.max(1, Math.round((due - nowMs()) / HOUR_MS));
    await browser.notifications.create(name, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: m.t('bg_notify_title'),
      message:
        m.t('bg_notify_message', who, label, hoursLeft, d.dueAt.slice(5, 16).replace('T', ' ')) +
        evidenceNote(m, c.guidance.evidence, d.id),
      priority: 2,
    });
    st.markNotified(id);
  }
}
