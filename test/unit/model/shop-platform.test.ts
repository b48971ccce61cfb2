import { describe, expect, it } from 'vitest';
import {
  MAX_REMEMBERED_SHOPS,
  SettingsPatchSchema,
  answerPlatformPatch,
  answeredPlatform,
  defaultSettings,
  mergeSettings,
} from '../../../core/model/settings';

/** The workbench does not say 天猫 or 淘宝: the agent's answer, per shop, decides. */
describe('the platform answer per shop', () => {
  it('factory settings have no answer: the page waits and the side panel asks', () => {
    expect(answeredPlatform(defaultSettings())).toBeUndefined();
  });

  it('an answer is kept for the shop it was given for; another shop name is asked again', () => {
    const named = mergeSettings(defaultSettings(), { shopPolicy: { shopName: '小鹿旗舰店' } });
    const answered = mergeSettings(named, answerPlatformPatch(named, 'tmall'));
    expect(answeredPlatform(answered)).toBe('tmall');
    expect(answered.shopPlatforms).toEqual({ 小鹿旗舰店: 'tmall' });
    const other = mergeSettings(answered, { shopPolicy: { shopName: '山间小铺' } });
    expect(answeredPlatform(other)).toBeUndefined();
    const both = mergeSettings(other, answerPlatformPatch(other, 'taobao'));
    expect(both.shopPlatforms).toEqual({ 小鹿旗舰店: 'tmall', 山间小铺: 'taobao' });
    // back to the first shop: its answer still holds
    expect(answeredPlatform(mergeSettings(both, { shopPolicy: { shopName: ' 小鹿旗舰店 ' } }))).toBe('tmall');
  });

  it('with no shop name set the answer holds for this browser profile', () => {
    const s = mergeSettings(defaultSettings(), answerPlatformPatch(defaultSettings(), 'taobao'));
    expect(s.shopPlatforms).toEqual({ '': 'taobao' });
    expect(answeredPlatform(s)).toBe('taobao');
  });

  it('a fixed platform setting wins over the answers; a shop called like an Object property is no answer', () => {
    const s = mergeSettings(defaultSettings(), { platformProfile: 'taobao', shopPlatforms: { '': 'tmall' } });
    expect(answeredPlatform(s)).toBe('taobao');
    expect(
      answeredPlatform(mergeSettings(defaultSettings(), { shopPolicy: { shopName: 'constructor' } })),
    ).toBeUndefined();
    expect(
      answeredPlatform(mergeSettings(defaultSettings(), { shopPolicy: { shopName: 'toString' } })),
    ).toBeUndefined();
  });

  it('the options can forget every answer (the patch replaces the map)', () => {
    const s = mergeSettings(defaultSettings(), answerPlatformPatch(defaultSettings(), 'tmall'));
    expect(answeredPlatform(mergeSettings(s, { shopPlatforms: {} }))).toBeUndefined();
  });

  it('at most MAX_REMEMBERED_SHOPS shops: the oldest answer goes first; a bad platform is refused with its path', () => {
    let s = defaultSettings();
    for (let i = 0; i < MAX_REMEMBERED_SHOPS + 5; i++) {
      s = mergeSettings(s, { shopPolicy: { shopName: `店${i}` } });
      s = mergeSettings(s, answerPlatformPatch(s, i % 2 ? 'tmall' : 'taobao'));
    }
    expect(Object.keys(s.shopPlatforms)).toHaveLength(MAX_REMEMBERED_SHOPS);
    expect(s.shopPlatforms['店0']).toBeUndefined();
    expect(s.shopPlatforms[`店${MAX_REMEMBERED_SHOPS + 4}`]).toBe('taobao');
    const bad = SettingsPatchSchema.safeParse({ shopPlatforms: { 店: 'jd' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['shopPlatforms', '店']);
  });
});
