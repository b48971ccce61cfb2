import fc from 'fast-check';
import { toBeijingIso, toEpochMs } from '../../core/index';

const BASE = toEpochMs('2026-11-20T10:00:00+08:00');

/** A Beijing time within 20 days either side of 2026-11-20 10:00, as toBeijingIso writes it. */
const panelTime = fc.integer({ min: -20 * 86400, max: 20 * 86400 }).map((s) => toBeijingIso(BASE + s * 1000));

/** Every time fact of a panel, for a `fc.record` of facts (spread it in). */
export const panelTimes = {
  paidAt: panelTime,
  shippedAt: panelTime,
  refundRequestedAt: panelTime,
  complaintFiledAt: panelTime,
  tradeClosedAt: panelTime,
  tradeSucceededAt: panelTime,
};
