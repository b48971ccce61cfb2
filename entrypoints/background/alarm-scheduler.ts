import { browser } from '#imports';
import { DEADLINE_ALARM_PREFIX, computeCrossings, toolbarCounts } from './deadline-alarms';
import type { EvalContext, Evaluator } from './evaluation';
import type { OpenTabs } from './open-tabs';
import { lazily, type Lazy } from './promises';
import type { SessionState } from './tab-state';
import type { ToolbarBadge } from './toolbar-badge';

const ALARM_TOLERANCE_MS = 60_000;

interface AlarmSchedulerDeps {
  tabs: OpenTabs;
  evaluator: Evaluator;
  badge: ToolbarBadge;
  nowMs: () => number;
}

/**
 * What follows from the open tabs' cases: the deadline alarms (the next warning crossings,
 * deadline-alarms.ts) and the toolbar badge. Only the difference to the alarms already
 * scheduled is sent to the browser.
 */
export class AlarmScheduler {
  /** The deadline alarms scheduled now (name → when): one alarms.getAll per worker lifetime. */
  private readonly scheduled: Lazy<Map<string, number>>;

  constructor(private readonly deps: AlarmSchedulerDeps) {
    this.scheduled = lazily(async () => {
      const all = await browser.alarms.getAll();
      return new Map(
        all
          .filter((a) => a.name.startsWith(DEADLINE_ALARM_PREFIX))
          .map((a) => [a.name, a.scheduledTime] as const),
      );
    });
  }

  alarms(): Promise<Map<string, number>> {
    return this.scheduled.get();
  }

  /**
   * Alarms and toolbar badge from the in-memory state — synchronous: the browser calls are
   * issued at once (in parallel, not awaited one by one) and tracked so `settled()` waits.
   */
  derive(st: SessionState, c: EvalContext, have: Map<string, number>): void {
    const cases = this.deps.tabs.allViews(st, c);
    const now = this.deps.nowMs();
    const thresholds = c.settings.warningThresholdsHours;
    const wanted = computeCrossings(cases, thresholds, now);
    const wantedByName = new Map(wanted.map((x) => [x.name, x]));
    const calls: Array<Promise<unknown>> = [];
    // An alarm within a minute of the wanted time is kept: Chrome may clamp `when` (30 s
    // minimum for packed extensions) and re-reads of a ticking countdown jitter by a second;
    // recreating would push a near alarm back again and again.
    for (const [name, when] of have) {
      const w = wantedByName.get(name);
      if (w !== undefined && Math.abs(when - w.when) <= ALARM_TOLERANCE_MS) continue;
      have.delete(name);
      if (w === undefined) calls.push(browser.alarms.clear(name));
    }
    for (const x of wanted) {
      if (have.has(x.name)) continue;
      have.set(x.name, x.when);
      calls.push(browser.alarms.create(x.name, { when: x.when }));
    }
    calls.push(...this.deps.badge.show(toolbarCounts(cases, thresholds, now), c.settings.locale));
    if (calls.length) st.track(Promise.all(calls), 'alarms / action badge', true);
  }

  /**
   * After a report: alarms and badge at once when every tab is evaluated (cheap, in
   * memory); right after the answer otherwise (a restarted worker evaluates the other tabs'
   * stored reads first — the page should not wait for that).
   */
  deriveAfterReport(st: SessionState, c: EvalContext, have: Map<string, number>): void {
    if (!this.deps.tabs.unevaluated(st, c)) {
      this.derive(st, c, have);
      return;
    }
    const later = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => Promise.all([this.deps.tabs.state(), this.deps.evaluator.context(), this.alarms()]))
      .then(([st2, c2, have2]) => this.derive(st2, c2, have2));
    st.track(later, 'alarms / action badge', true);
  }

  /** Alarms and toolbar badge from the current state — callable at any time, idempotent. */
  async refresh(): Promise<void> {
    const [st, c, have] = await Promise.all([
      this.deps.tabs.state(),
      this.deps.evaluator.context(),
      this.alarms(),
    ]);
    this.derive(st, c, have);
    await st.settled();
  }
}
