import type { Text } from '../../core/model/guidance';
import type { SentinelStore } from '../../core/store';
import type { AlarmScheduler } from './alarm-scheduler';
import type { Evaluator } from './evaluation';
import type { Notifier } from './notifier';
import type { OpenTabs } from './open-tabs';
import type { PackService } from './pack-service';
import type { Serial } from './promises';
import type { PayoutRecorder } from './payouts';
import type { RecentCasesRecorder } from './recent-cases';
import type { TeamPackRefresher } from './team-pack';

/** The worker's services, as composed by worker.ts: what the handler and event tables use. */
export interface Services {
  nowMs: () => number;
  nowIso: () => string;
  /** The IndexedDB store, opened on first use. */
  store: () => Promise<SentinelStore>;
  packs: PackService;
  evaluator: Evaluator;
  tabs: OpenTabs;
  alarms: AlarmScheduler;
  notifier: Notifier;
  recent: RecentCasesRecorder;
  /** The ledger's platform payouts: cases seen 退款成功 with a compensation amount. */
  payouts: PayoutRecorder;
  /** Serialises the admin changes (settings, packs, ledger) within one worker lifetime. */
  serial: Serial;
  /** Serialises the deadline warnings (each shown once): never behind admin work or the network. */
  warnings: Serial;
  /** The team pack URL's refresh: the download outside `serial`, with a timeout; the install in it. */
  teamPack: TeamPackRefresher;
  /** Tell the extension pages a tab's cases changed, and wait until it is sent. */
  broadcast: (tabId: number) => Promise<void>;
  /** The same without making the caller wait. */
  announce: (tabId: number) => void;
  /** Tell a back-office tab's content scripts the settings changed. */
  notifyTab: (tabId: number) => Promise<void>;
  /**
   * Re-evaluate every open tab's cases (after a pack, settings or ledger change), tell the
   * extension pages, and tell the back-office tabs to read again (`settingsChanged`): their
   * badges come back evaluated with the change.
   */
  reevaluateAll: () => Promise<void>;
  /** What the extension pages must say about the worker itself (read-only after a downgrade); null: nothing. */
  notice: () => Promise<Text | null>;
  /** Drop a tab's cases (closed, or navigated away); true when it had any. */
  dropTab: (tabId: number) => Promise<boolean>;
}
