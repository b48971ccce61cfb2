import { browser } from '#imports';
import { formatZodError, z } from '../../core/model/zod';
import {
  SettingsPatchSchema,
  SettingsSchema,
  applyManaged,
  defaultSettings,
  mergeSettings,
  withoutLocked,
  type ManagedPath,
  type Settings,
  type SettingsPatch,
} from '../../core/model/settings';
import type { SentinelStore } from '../../core/store';

export interface EffectiveSettings {
  settings: Settings;
  /** Leaves decided by enterprise policy (shown locked in the options page). */
  locked: ManagedPath[];
}

/** How long a settings read waits for the enterprise policy before going on without it (ms). */
export const MANAGED_WAIT_MS = 1_500;
/** The last policy storage.managed answered, per worker (its store), used while a read is late. */
const knownPolicy = new WeakMap<SentinelStore, Record<string, unknown>>();

/**
 * `storage.managed` (enterprise policy); {} when there is none or the API is unavailable.
 * Chromium answers the first read of a browser session only once its policy store has
 * loaded, on a low-priority task that a busy page holds back: 2.6 s beside a quiet page,
 * 57 s beside one that changes every 10 ms (measured; every report, badge and alarm waited
 * for it). A read not answered within MANAGED_WAIT_MS goes on with the last policy known
 * (none at first); `late` is called when the answer, once it comes, differs from what was
 * used, so that everything is evaluated again with it.
 */
async function readManaged(store: SentinelStore, late?: () => void): Promise<Record<string, unknown>> {
  const got = Promise.resolve()
    .then(() => browser.storage.managed.get(null))
    .then(
      (v) => (v ?? {}) as Record<string, unknown>,
      () => ({}),
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const first = await Promise.race([
    got,
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), MANAGED_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (first !== null) {
    knownPolicy.set(store, first);
    return first;
  }
  const used = knownPolicy.get(store) ?? {};
  console.warn(
    `[sentinel] enterprise policy (storage.managed) not answered within ${MANAGED_WAIT_MS} ms: going on without it until it answers`,
  );
  void got.then((policy) => {
    knownPolicy.set(store, policy);
    if (JSON.stringify(policy) !== JSON.stringify(used)) late?.();
  });
  return used;
}

async function readAgent(store: SentinelStore): Promise<Settings> {
  const raw = await store.getSettings();
  const parsed = SettingsSchema.safeParse(raw ?? {});
  if (!parsed.success)
    console.warn('[sentinel] stored settings invalid, using defaults', parsed.error.issues);
  return parsed.success ? parsed.data : defaultSettings();
}

/** `policyLate`: the policy answered after the settings went on without it (see readManaged). */
export async function loadSettings(
  store: SentinelStore,
  policyLate?: () => void,
): Promise<EffectiveSettings> {
  const agent = await readAgent(store);
  const { settings, locked, rejected } = applyManaged(agent, await readManaged(store, policyLate));
  if (rejected.length)
    console.warn('[sentinel] managed policy values ignored (invalid):', rejected.join(', '));
  return { settings, locked };
}

/**
 * Save the agent's own change. Locked leaves are left out (policy wins); the rest is
 * validated as a whole — an invalid value throws (zod path) and nothing is saved.
 */
export async function saveSettings(store: SentinelStore, patch: SettingsPatch): Promise<EffectiveSettings> {
  const { locked } = await loadSettings(store);
  let agent: Settings;
  try {
    agent = mergeSettings(await readAgent(store), withoutLocked(SettingsPatchSchema.parse(patch), locked));
  } catch (e) {
    if (e instanceof z.core.$ZodError)
      throw new Error(`saveSettings: invalid settings — ${formatZodError(e)}`);
    throw e;
  }
  await store.putSettings(agent);
  return loadSettings(store);
}
