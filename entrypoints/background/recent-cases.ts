import { toRecentCase, type SentinelStore } from '../../core/store';
import type { CaseView } from '../../protocol/views';
import { afterAnswer } from './promises';
import type { SessionState } from './tab-state';
import { DAY_MS, HOUR_MS } from '../../core/time/units';

/** Recent cases already written in this worker lifetime are rewritten unchanged at most this often (their last-seen time for the purge). */
const RECENT_REWRITE_MS = HOUR_MS;

/** The recent-cases log in IndexedDB: what was seen, kept for the retention the agent chose. */
export class RecentCasesRecorder {
  /** When each case was last written in this lifetime (key → ms). */
  private readonly recorded = new Map<string, number>();

  constructor(private readonly nowMs: () => number) {}

  /** Write the cases new or changed in this report (and the others once an hour); queued as side work of `st`. */
  record(st: SessionState, db: SentinelStore, views: CaseView[], changed: Set<string>): void {
    const ms = this.nowMs();
    const due = views.filter(
      (v) => changed.has(v.key) || (this.recorded.get(v.key) ?? -Infinity) <= ms - RECENT_REWRITE_MS,
    );
    if (due.length === 0) return;
    for (const v of due) this.recorded.set(v.key, ms);
    // After the answer: a report of 100 new cases is 100 reads and writes in IndexedDB.
    const written = afterAnswer().then(() =>
      db.putRecentCases(due.map((v) => toRecentCase(v.key, v.read, v.guidance, v.seenAt, ms))),
    );
    st.track(
      written.catch((e: unknown) => {
        for (const v of due) this.recorded.delete(v.key);
        throw e;
      }),
      'recent cases',
      true,
    );
  }

  /** Drop the cases not seen within the retention (the daily purge alarm). */
  async purge(db: SentinelStore, retentionDays: number): Promise<void> {
    await db.purgeRecentCases(this.nowMs() - retentionDays * DAY_MS);
  }
}
