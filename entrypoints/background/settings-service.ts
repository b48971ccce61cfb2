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

/** `storage.managed` (enterprise policy); {} when there is none or the API is unavailable. */
async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get(null)) ?? {};
  } catch {
    return {};
  }
}

async function readAgent(store: SentinelStore): Promise<Settings> {
  const raw = await store.getSettings();
  const parsed = SettingsSchema.safeParse(raw ?? {});
  if (!parsed.success) console.warn('[sentinel] stored settings invalid, using defaults', parsed.error.issues);
  return parsed.success ? parsed.data : defaultSettings();
}

export async function loadSettings(store: SentinelStore): Promise<EffectiveSettings> {
  const agent = await readAgent(store);
  const { settings, locked, rejected } = applyManaged(agent, await readManaged());
  if (rejected.length) console.warn('[sentinel] managed policy values ignored (invalid):', rejected.join(', '));
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
    if (e instanceof z.core.$ZodError) throw new Error(`saveSettings: invalid settings — ${formatZodError(e)}`);
    throw e;
  }
  await store.putSettings(agent);
  return loadSettings(store);
}
