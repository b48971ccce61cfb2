import type { Platform } from '../../core/model/facts';
import { answeredPlatform, type PlatformSettings } from '../../core/model/platform-answer';
import type { Locale } from '../../core/model/settings';
import type { ThresholdsHours } from '../../core/urgency';
import type { BadgeLayer } from './badge-layer';

export type ContentSettings = PlatformSettings & {
  warningThresholdsHours?: ThresholdsHours;
  locale?: Locale;
};

const SETTINGS_TTL_MS = 60_000;

/**
 * The settings a page pass needs: the agent's platform answer (it decides workbench pages),
 * the locale and the warning thresholds (the badges). Asked for at most once a minute, and
 * again at once when the worker says they changed.
 */
export class PageSettings {
  /** The agent's platform setting (undefined: `auto`); known once settings were read. */
  platform: Platform | undefined;
  private at = -Infinity;
  private firstRead: Promise<void> | null = null;
  /** The worker said the settings changed: the next page pass waits for fresh ones. */
  private stale = false;

  constructor(
    private readonly fetch: (() => Promise<ContentSettings>) | undefined,
    private readonly layer: BadgeLayer,
    /** The platform setting changed after the first read: pages it decides must be read again. */
    private readonly onPlatformChanged: () => void,
  ) {}

  /** The worker's word: read them again, and make the next page pass wait for them. */
  changed(): void {
    this.at = -Infinity;
    this.stale = true;
  }

  /**
   * Refresh for a page pass: the first one, and the first after a change, waits for the
   * answer (`mustWait`); the others go on with what they have.
   */
  forPage(): { done: Promise<void>; mustWait: boolean } {
    const done = this.refresh();
    const mustWait = this.firstRead === null || this.stale;
    if (mustWait) {
      this.firstRead = done;
      this.stale = false;
    }
    return { done, mustWait };
  }

  /** Ask the worker again when the last answer is older than a minute. */
  async refresh(): Promise<void> {
    const now = performance.now();
    if (!this.fetch || now - this.at < SETTINGS_TTL_MS) return;
    this.at = now;
    try {
      const s = await this.fetch();
      const platform = answeredPlatform(s);
      if (platform !== this.platform) {
        this.platform = platform;
        if (this.firstRead !== null) this.onPlatformChanged();
      }
      const layer = this.layer;
      const locale = s.locale ?? layer.locale;
      const th = s.warningThresholdsHours ?? layer.thresholdsHours;
      if (locale !== layer.locale || th.join() !== layer.thresholdsHours.join()) {
        layer.locale = locale;
        layer.thresholdsHours = th;
        layer.refreshAll();
      }
    } catch {
      // keep defaults (zh-CN, 4 h / 1 h)
    }
  }
}
