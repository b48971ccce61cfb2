import type { Platform } from './vocabulary';

/**
 * The agent's answer to "天猫 or 淘宝?" for pages that do not say (the workbench), per shop.
 * No zod here: the content script imports it, and its bundle must stay small.
 */

/** Shops whose platform the agent has answered, at most this many (oldest answers are dropped first). */
export const MAX_REMEMBERED_SHOPS = 200;

type PlatformProfile = 'auto' | Platform;

/** What the platform answer depends on (a full Settings fits; a content script may have less). */
export interface PlatformSettings {
  platformProfile?: PlatformProfile;
  shopPolicy?: { shopName?: string };
  shopPlatforms?: Readonly<Record<string, Platform>>;
}

/** The shop the agent works for, as the platform answers are keyed ('' when no name is set). */
export function shopKey(settings: PlatformSettings): string {
  return (settings.shopPolicy?.shopName ?? '').trim();
}

/**
 * The platform for pages that do not say it themselves: the agent's fixed platform setting,
 * else their answer for this shop; undefined when neither exists (the side panel asks).
 */
export function answeredPlatform(settings: PlatformSettings): Platform | undefined {
  if (settings.platformProfile && settings.platformProfile !== 'auto') return settings.platformProfile;
  const answers = settings.shopPlatforms ?? {};
  const key = shopKey(settings);
  return Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
}

/** The patch that records `platform` as the answer for the current shop (the newest answer last). */
export function answerPlatformPatch(
  settings: PlatformSettings,
  platform: Platform,
): { shopPlatforms: Record<string, Platform> } {
  const key = shopKey(settings);
  const rest = Object.entries(settings.shopPlatforms ?? {}).filter(([k]) => k !== key);
  const kept = rest.slice(Math.max(0, rest.length - (MAX_REMEMBERED_SHOPS - 1)));
  return { shopPlatforms: Object.fromEntries([...kept, [key, platform]]) };
}
