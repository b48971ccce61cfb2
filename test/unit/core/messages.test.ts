import { describe, expect, it } from 'vitest';
import { messagesFor, type Catalog } from '../../../core/text/messages';
import { uiMessages } from '../../../components/i18n';

const catalog: Catalog = {
  'zh-CN': {
    greet: { message: '你好，$1' },
    only_zh: { message: '仅中文' },
    cases: { message: '本页（$1 个案件）' },
    authority_shop_policy: { message: '店铺规则' },
  },
  en: {
    greet: { message: 'Hello, $1' },
    cases: { message: '$1 cases' },
    cases_one: { message: '$1 case' },
    authority_shop_policy: { message: 'shop policy' },
  },
};

describe('messagesFor: texts in the locale the caller names', () => {
  it('the same key in each locale, placeholders filled', () => {
    expect(messagesFor(catalog, 'zh-CN').t('greet', '王')).toBe('你好，王');
    expect(messagesFor(catalog, 'en').t('greet', 'Wang')).toBe('Hello, Wang');
    // a `$n` with no argument stays as written
    expect(messagesFor(catalog, 'en').t('greet')).toBe('Hello, $1');
  });

  it('a key the locale lacks falls back to zh-CN, then to the key itself', () => {
    const en = messagesFor(catalog, 'en');
    expect(en.t('only_zh')).toBe('仅中文');
    expect(en.t('nowhere')).toBe('nowhere');
    expect(en.tKnown('nowhere')).toBeNull();
    expect(en.tKnown('only_zh')).toBe('仅中文');
  });

  it('reads a `-` in a data-built key as `_` (Chrome message names)', () => {
    expect(messagesFor(catalog, 'en').t('authority_shop-policy')).toBe('shop policy');
    expect(messagesFor(catalog, 'zh-CN').tKnown('authority_shop-policy')).toBe('店铺规则');
  });

  it('English takes the `_one` form for one thing; Chinese has no plural', () => {
    const en = messagesFor(catalog, 'en');
    expect(en.tCount('cases', 1, 1)).toBe('1 case');
    expect(en.tCount('cases', 2, 2)).toBe('2 cases');
    expect(messagesFor(catalog, 'zh-CN').tCount('cases', 1, 1)).toBe('本页（1 个案件）');
  });

  it('picks its side of a core `{ zh, en }` text', () => {
    const text = { zh: '卖家缺货', en: 'Out of stock' };
    expect(messagesFor(catalog, 'zh-CN').pick(text)).toBe('卖家缺货');
    expect(messagesFor(catalog, 'en').pick(text)).toBe('Out of stock');
  });

  it('two locales side by side: building one never changes the other', () => {
    const zh = uiMessages('zh-CN');
    const en = uiMessages('en');
    expect(zh.t('day_title')).toBe('店铺的一天');
    expect(en.t('day_title')).toBe("The shop's day");
    expect(zh.t('day_title')).toBe('店铺的一天');
    expect(en.tCount('panel_tab_cases', 1, 1)).toBe('This page (1 case)');
  });
});
