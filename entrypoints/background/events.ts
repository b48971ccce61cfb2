import { browser } from '#imports';
import { DEADLINE_ALARM_PREFIX, parseAlarmName } from './deadline-alarms';
import { bringTabForward } from './open-tabs';
import { LEDGER_LOOKBACK_DAYS } from './evaluation';
import { toBeijingIso } from '../../core/time';
import type { Services } from './services';
import { TEAM_PACK_ALARM, scheduleTeamPack } from './team-pack';
import { DAY_MS } from '../../core/time/units';

export const PURGE_ALARM = 'as-purge-cases';

/** The browser events the worker answers (register.ts adds the listeners). */
export function createEvents(s: Services) {
  const events = {
    async onAlarm(alarm: { name: string }): Promise<void> {
      if (alarm.name === PURGE_ALARM) {
        const [{ settings }, st] = await Promise.all([s.evaluator.settings(), s.tabs.state()]);
        await st.settled(); // recent cases still being written
        await s.recent.purge(await s.store(), settings.recentCaseRetentionDays);
        // The ledger keeps buyer keys: nothing past the lookback the verdicts read.
        await (await s.store()).purgeLedger(toBeijingIso(s.nowMs() - LEDGER_LOOKBACK_DAYS * DAY_MS));
        return;
      }
      if (alarm.name === TEAM_PACK_ALARM) {
        await s.teamPack.refresh();
        return;
      }
      if (alarm.name.startsWith(DEADLINE_ALARM_PREFIX)) {
        // The warnings' own queue: never behind a settings save, an import or a download.
        await s.warnings(async () => {
          await s.notifier.notifyCrossings(alarm.name);
          await s.alarms.refresh();
        });
      }
    },

    async onTabRemoved(tabId: number): Promise<void> {
      if (await s.dropTab(tabId)) {
        await (await s.tabs.state()).written();
        await s.broadcast(tabId);
      }
    },

    /** A full navigation starts: the old page's cases go; the new page reports its own. */
    async onTabUpdated(tabId: number, changeInfo: { status?: string; url?: string }): Promise<void> {
      if (changeInfo.status !== 'loading') return;
      await events.onTabRemoved(tabId);
    },

    async onTabActivated(tabId: number): Promise<void> {
      const st = await s.tabs.state();
      if (st.tabs.has(tabId)) {
        st.setLastTab(tabId);
        await s.broadcast(tabId);
      }
    },

    /** Enterprise policy changed (storage.managed): the effective settings change. */
    async onManagedChanged(): Promise<void> {
      await s.serial(() => s.reevaluateAll());
    },

    async onNotificationClicked(id: string): Promise<void> {
      const parsed = parseAlarmName(id);
      if (!parsed) return;
      const c = await s.tabs.find(parsed.caseKey);
      if (!c) return;
      const st = await s.tabs.state();
      st.setFocus({ key: c.key, tabId: c.tabId });
      st.setLastTab(c.tabId);
      try {
        await bringTabForward(c.tabId);
      } catch (e) {
        console.warn('[sentinel] could not focus the tab', e);
      }
      await s.broadcast(c.tabId);
    },

    /**
     * Every worker start (and install / browser startup): side-panel behaviour, the daily
     * purge alarm, the team-pack alarm, drop state of tabs that no longer exist, ask the
     * tabs stored only in part (over the session budget, tab-state.ts) to report again, and
     * recompute deadline alarms + badge from the stored reads and evaluation instants.
     * Reports arriving meanwhile do not wait for it.
     */
    async init(): Promise<void> {
      try {
        await browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
      } catch (e) {
        console.warn('[sentinel] side panel behaviour not set', e);
      }
      if (!(await browser.alarms.get(PURGE_ALARM))) {
        await browser.alarms.create(PURGE_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
      }
      const [{ settings }, st] = await Promise.all([s.evaluator.settings(), s.tabs.state()]);
      await scheduleTeamPack(settings.teamPack.url, settings.teamPack.refreshHours);
      const ids = [...st.tabs.keys()];
      const alive = await Promise.all(
        ids.map((id) =>
          browser.tabs.get(id).then(
            (tab) => tab !== undefined,
            () => false,
          ),
        ),
      );
      ids.forEach((id, i) => {
        if (!alive[i] && st.tabs.delete(id)) st.persistTab(id);
      });
      for (const t of st.tabs.values()) {
        if (t.partial)
          s.notifyTab(t.tabId).catch((e: unknown) => console.warn('[sentinel] re-read request failed', e));
      }
      await s.alarms.refresh();
      await s.warnings(() => s.notifier.notifyCrossings());
    },
  };
  return events;
}
