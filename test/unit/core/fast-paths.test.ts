import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asBeijingIso,
  CASE_KINDS,
  defaultPack,
  evaluate,
  parseBeijingTime,
  parseBeijingTimeGeneral,
  parseMoneyGeneral,
  plainAmountFen,
  toBeijingIso,
  toEpochMs,
  type Facts,
  type RulePack,
} from '../../../core/index';
import {
  compilePack,
  foldReason,
  lookupReasonDetail,
  lookupReasonFolded,
  readRefundStatus,
  reasonFold,
} from '../../../core/engine/compile';
import { TextIndex } from '../../../core/engine/text-index';
import { containsAny, hasAnyWord, squash, wordsIn } from '../../../core/engine/when';
import { normalizeText } from '../../../core/text/normalize';
import { parseFieldValue } from '../../../core/pages/values';
import { panelTimes } from '../../helpers/panel-times';

/**
 * The hand-written fast paths of time and money against plain versions: whatever they
 * answer must be what the plain code answers.
 */

const HOUR = 3600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Plain toEpochMs: a regular expression and Date arithmetic. */
function plainEpochMs(iso: string): number {
  // The canonical shape with anything but digits in it is no instant (Date.parse may guess one).
  if (
    /^.{4}-.{2}-.{2}T.{2}:.{2}:.{2}\+08:00$/su.test(iso) &&
    iso.length === 25 &&
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(iso)
  )
    return NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+08:00$/.exec(iso);
  if (!m) return Date.parse(iso);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return NaN;
  return date.getTime() + ((h * 60 + mi) * 60 + s) * 1000 - 8 * HOUR;
}

/** Plain toBeijingIso: Date's UTC fields of the instant moved by 8 hours. */
function plainBeijingIso(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * HOUR);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));
/** Mostly digits, sometimes a character that is not one. */
const roughDigits = (n: number) =>
  fc.oneof(
    { weight: 9, arbitrary: digits(n) },
    { weight: 1, arbitrary: fc.string({ minLength: n, maxLength: n }) },
  );
const year = fc.integer({ min: 1000, max: 9999 }).map(String);
const MIN_MS = Date.UTC(1000, 0, 2);
const MAX_MS = Date.UTC(9999, 11, 30);
/** Canonical-shaped Beijing ISO texts: valid, impossible (month 13, second 99) and malformed digits. */
/** Year, month, day, hour, minute, second: mostly digits, sometimes not. */
const roughFields = fc.tuple(
  fc.oneof(year, roughDigits(4)),
  roughDigits(2),
  roughDigits(2),
  roughDigits(2),
  roughDigits(2),
  roughDigits(2),
);
const shaped = roughFields.map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`);
/** Real instants as toBeijingIso writes them. */
const real = fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => toBeijingIso(ms));

describe('core/time fast paths', () => {
  it('toEpochMs reads every canonical-shaped string as the plain parser does (valid, impossible and malformed)', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, real), (iso) => Object.is(toEpochMs(iso), plainEpochMs(iso))),
      { numRuns: 20_000 },
    );
  });

  it('toEpochMs of other ISO forms is Date.parse', () => {
    const other = fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(other, (iso) => Object.is(toEpochMs(iso), Date.parse(iso))),
      { numRuns: 2_000 },
    );
  });

  it('toBeijingIso (hour prefixes and minute:second table) formats as Date does, and round-trips', () => {
    const instant = fc.oneof(
      fc.integer({ min: MIN_MS, max: MAX_MS }),
      fc.double({ min: MIN_MS, max: MAX_MS, noNaN: true }),
    );
    fc.assert(
      fc.property(instant, (ms) => {
        const iso = toBeijingIso(ms);
        expect(iso).toBe(plainBeijingIso(ms));
        expect(toEpochMs(iso)).toBe(Math.floor(ms / 1000) * 1000 + 0);
      }),
      { numRuns: 20_000 },
    );
  });

  it('asBeijingIso gives what toBeijingIso gives for every instant toEpochMs reads (canonical text kept as is)', () => {
    const other = fc
      .tuple(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.constantFrom('Z', '+00:00', '+08:00', '-05:30'))
      .map(([ms, zone]) => new Date(ms).toISOString().replace('Z', zone));
    fc.assert(
      fc.property(fc.oneof(shaped, real, other), (iso) => {
        const ms = toEpochMs(iso);
        if (!Number.isNaN(ms)) expect(asBeijingIso(iso, ms)).toBe(plainBeijingIso(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it("parseBeijingTime's `YYYY-MM-DD HH:mm:ss` path answers as the general formats do", () => {
    const wall = roughFields.map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d} ${h}:${mi}:${s}`);
    fc.assert(
      fc.property(wall, (raw) => {
        expect(parseBeijingTime(raw)).toBe(parseBeijingTimeGeneral(raw));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('core/money fast path', () => {
  it('plainAmountFen agrees with the general parser wherever it answers', () => {
    const amount = fc
      .tuple(
        fc.constantFrom('', '¥', '￥', 'RMB'),
        fc.integer({ min: 1, max: 13 }).chain((n) => roughDigits(n)),
        fc.constantFrom('.', ',', ''),
        roughDigits(2),
      )
      .map(([sign, int, point, dec]) => `${sign}${int}${point}${dec}`);
    fc.assert(
      fc.property(fc.oneof(amount, fc.string({ maxLength: 16 })), (raw) => {
        const fast = plainAmountFen(raw);
        if (fast !== null) expect(fast).toBe(parseMoneyGeneral(raw));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('core/pages value fast path', () => {
  it('an id of digits only is read as the general steps read it (an invisible mark sends the same text there)', () => {
    // A zero-width space is no digit (no fast path) and normalisation removes it: the same text, read the plain way.
    const id = fc.oneof(
      fc.integer({ min: 1, max: 24 }).chain((n) => roughDigits(n)),
      fc
        .array(fc.constantFrom(...'0123456789 ０１２-()（）复制查看\t'), { maxLength: 20 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.constantFrom('refundId' as const, 'orderId' as const), id, (key, raw) => {
        expect(parseFieldValue(key, raw)).toBe(parseFieldValue(key, raw + '\u200B'));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('core/engine text fast paths', () => {
  /** Texts as pages write reasons and states: CJK, ASCII, full-width forms, odd spaces and invisible marks. */
  const FOLDS = defaultPack.reasonVocabulary?.fold ?? {};
  const pieces = [
    ...Object.keys(FOLDS),
    ...Object.values(FOLDS),
    '缺货',
    '退款',
    '·',
    ' ',
    '\u3000',
    '\u200b',
    '\u00ad',
    '\ufeff',
    '\t',
    'Ａ',
    '１',
    'a',
    '7',
    '（',
    '：',
    '\u{20000}',
  ];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((a) => a.join('')),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );

  it('the characters normalizeText and squash leave to no NFKC are NFKC-stable, alone and next to each other', () => {
    const ranges: [number, number][] = [
      [0x09, 0x0d],
      [0x20, 0x7e],
      [0xa5, 0xa5],
      [0xb7, 0xb7],
      [0x3001, 0x3011],
      [0x4e00, 0x9fff],
    ];
    const chars = ranges.flatMap(([lo, hi]) =>
      Array.from({ length: hi - lo + 1 }, (_, i) => String.fromCharCode(lo + i)),
    );
    for (const ch of chars) expect(ch.normalize('NFKC')).toBe(ch);
    // Every pair of the characters outside the ideographs, and each of them with a sample of ideographs.
    const small = chars.filter((ch) => ch < '\u4e00');
    const ideographs = chars.filter((_, i) => i % 97 === 0 && chars[i]! >= '\u4e00');
    for (const a of small) {
      for (const b of [...small, ...ideographs]) {
        expect((a + b).normalize('NFKC')).toBe(a + b);
        expect((b + a).normalize('NFKC')).toBe(b + a);
      }
    }
  });

  it('squash (compactText) is normalizeText without any whitespace', () => {
    fc.assert(
      fc.property(text, (raw) => squash(raw) === normalizeText(raw).replace(/\s+/g, '')),
      { numRuns: 20_000 },
    );
  });

  it('foldReason skips the fold only for texts with nothing to fold', () => {
    const fold = reasonFold(FOLDS);
    const plain = (raw: string) => {
      let out = '';
      for (const ch of squash(raw)) out += fold.map.get(ch) ?? ch;
      return out;
    };
    fc.assert(
      fc.property(text, (raw) => foldReason(fold, raw) === plain(raw)),
      { numRuns: 20_000 },
    );
  });

  it('the reason lookup kept per text answers as a fresh lookup, before and after its bound', () => {
    const compiled = compilePack(defaultPack);
    const names = defaultPack.rules.flatMap((r) => (r.type === 'reason' ? r.names : []));
    const reasonText = fc.oneof(
      fc.constantFrom(...names, ...[...compiled.defaults.tmall.reasons.keys()]),
      fc
        .tuple(fc.constantFrom(...names), text, fc.constantFrom('', '非', '不', '不是'))
        .map(([n, t, neg]) => `${neg}${n}${t}`),
      text,
    );
    for (const profile of compiled.profiles.values()) {
      // The profile's own index, and one that stops keeping texts after 3.
      const small = new TextIndex((t) => lookupReasonFolded(profile, t), 3);
      fc.assert(
        fc.property(reasonText, (raw) => {
          const fresh = lookupReasonFolded(profile, raw);
          expect(lookupReasonDetail(profile, raw)).toEqual(fresh);
          expect(lookupReasonDetail(profile, raw)).toEqual(fresh);
          expect(small.get(raw)).toEqual(fresh);
        }),
        { numRuns: 5_000 },
      );
      expect(small.size).toBe(3);
    }
  });

  it("a refund status kept per text answers as a fresh read, and the shared answer can't be changed", () => {
    const { statusWords, statuses } = compilePack(defaultPack);
    const status = fc.oneof(
      fc
        .array(fc.oneof(fc.constantFrom(...statusWords), fc.constantFrom(...pieces)), { maxLength: 6 })
        .map((a) => a.join('')),
      text,
    );
    fc.assert(
      fc.property(status, (raw) => {
        const fresh = readRefundStatus(raw, statusWords);
        statuses.get(raw);
        const kept = statuses.get(raw);
        expect(kept.squashed).toBe(fresh.squashed);
        expect([...kept.words]).toEqual([...fresh.words]);
        expect(Object.isFrozen(kept)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("a status condition on the pack's status words answers as containsAny on the status", () => {
    const { statusWords } = compilePack(defaultPack);
    const word = fc.constantFrom(...statusWords, '退款', '等待', '');
    const status = fc.oneof(
      fc.array(fc.oneof(word, fc.constantFrom(...pieces)), { maxLength: 6 }).map((a) => squash(a.join(''))),
      text.map(squash),
    );
    const needles = fc.array(fc.constantFrom(...statusWords), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(
        status,
        needles,
        (s, n) => hasAnyWord(wordsIn(s, statusWords), new Set(n)) === containsAny(s, n),
      ),
      { numRuns: 20_000 },
    );
  });
});

describe('engine: timer groups skipped by their shared show condition', () => {
  // The same pack compiled twice: as it is, and with every group's shared `show` taken away,
  // so that every variant of every group is tried (the plain path).
  const everyGroupTried = (pack: RulePack): RulePack => {
    for (const profile of compilePack(pack).profiles.values())
      for (const kind of CASE_KINDS) for (const group of profile.timers[kind].groups) group.show = null;
    return pack;
  };
  const plainPack = everyGroupTried(structuredClone<RulePack>(defaultPack));

  const facts: fc.Arbitrary<Facts> = fc.record(
    {
      reason: fc.constantFrom('缺货', '未按约定时间发货', '七天无理由退换货', '拍错了', '其他'),
      complaintType: fc.constantFrom('未按约定时间发货', '描述不符'),
      paidAmount: fc.constantFrom(0.01, 88, 5000),
      ...panelTimes,
      tradeStatus: fc.constantFrom('买家已付款', '卖家已发货', '交易成功', '交易关闭'),
      refundStatus: fc.constantFrom(
        '等待商家处理',
        '退款协议达成·等待买家退货',
        '买家已退货·等待卖家确认收货',
        '客服已经介入',
        '退款关闭',
        '退款成功',
        '售后处理中',
      ),
      logistics: fc.constantFrom('快递', '平邮', '虚拟', '自动发货'),
      activity: fc.constantFrom('聚划算', '预售', '闪电发货'),
      platformCountdown: fc.constantFrom('剩余2天23时7分51秒', '剩余 05:12:09', '剩余很久'),
      unreadable: fc.subarray(['refundStatus', 'tradeStatus', 'logistics', 'activity', 'paidAt'] as const),
    },
    { requiredKeys: [] },
  );
  const opts = fc.record({
    platform: fc.constantFrom('tmall' as const, 'taobao' as const),
    profile: fc.constantFrom(undefined, 'tmall-legacy'),
    kind: fc.constantFrom(undefined, 'refund' as const, 'aftersale' as const, 'complaint' as const),
  });

  it('gives the same guidance as trying every group (3,000 panels)', () => {
    fc.assert(
      fc.property(facts, opts, (f, o) => {
        const at = { now: '2026-11-21T12:00:00+08:00', ...o };
        expect(evaluate(f, defaultPack, at)).toEqual(evaluate(f, plainPack, at));
      }),
      { numRuns: 3_000 },
    );
  });

  it('a deadline never shown still starts the one after it', () => {
    // 商家处理 hidden in every state: 买家确认 (counted from its end) must still be listed.
    const hide = (pack: RulePack) => {
      for (const rule of pack.rules)
        if (rule.type === 'timer' && rule.deadlineId === 'complaint-seller-handle')
          rule.show = { kinds: ['complaint'], refundStatus: ['（无此状态）'] };
      return pack;
    };
    const hidden = hide(structuredClone<RulePack>(defaultPack));
    const hiddenPlain = everyGroupTried(hide(structuredClone<RulePack>(defaultPack)));
    const f: Facts = { complaintType: '未按约定时间发货', complaintFiledAt: '2026-11-21T09:00:00+08:00' };
    const at = { now: '2026-11-21T12:00:00+08:00', platform: 'taobao' as const };
    const g = evaluate(f, hidden, at);
    const ids = g.deadlines.map((d) => d.id);
    expect(ids).not.toContain('complaint-seller-handle');
    expect(ids).toContain('complaint-buyer-confirm');
    expect(g).toEqual(evaluate(f, hiddenPlain, at));
  });
});
