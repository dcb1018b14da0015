/**
 * Reports as a busy Baku restaurant's ledger would give them: 30 days over five channels and two
 * venues with lunch and dinner peaks, a today so far, and the same with a damaged ledger set aside.
 * Plain data (no DOM, no Node), handed to the fake bridge in the page.
 */
import type { OrderLife, ReportData, ReportFigures, ReportGroup, ReportHour } from '../../common/report';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Baku is UTC+4 all year. */
const BAKU_OFFSET = 4 * HOUR;

/** Midnight in Baku of the day `at` falls in. */
export const bakuMidnight = (at: number): number => at - ((at + BAKU_OFFSET) % DAY);

/** Orders per hour of the day over 30 days: closed until 10, lunch at 13, dinner at 19–20. */
const ORDERS_30D = [3, 1, 0, 0, 0, 0, 0, 0, 0, 4, 24, 38, 96, 142, 118, 64, 52, 71, 118, 163, 151, 112, 71, 32];
/** Median seconds to accept per hour: slower in the rushes and late at night. */
const ACCEPT_S_30D = [212, 95, 0, 0, 0, 0, 0, 0, 0, 70, 64, 72, 98, 157, 121, 76, 69, 84, 116, 186, 171, 118, 92, 131];

const hours = (orders: readonly number[], acceptSeconds: readonly number[]): ReportHour[] =>
  orders.map((count, hour) => ({ hour, orders: count, acceptMedianMs: count === 0 ? null : (acceptSeconds[hour] ?? 60) * 1000 }));

const figures = (orders: number, overrides: Partial<ReportFigures>): ReportFigures => ({
  orders,
  accepted: orders,
  neverAccepted: 0,
  stillPending: 0,
  acceptMedianMs: null,
  acceptP90Ms: null,
  seenMedianMs: null,
  seenP90Ms: null,
  waitedOverThreshold: 0,
  unreachableMs: 0,
  ...overrides,
});

const group = (key: string, orders: number, overrides: Partial<ReportFigures>): ReportGroup => ({ key, ...figures(orders, overrides) });

/**
 * The slowest of the period, slowest first, numbers as each channel writes them: spread over the
 * last `days` days (all today for one), at lunch and dinner, and never after `now`.
 */
function slowest(now: number, days: number, count = 10): OrderLife[] {
  const rows: Array<[string, string, string | null, number | null, number]> = [
    // number, venue, channel, total, minutes to accept
    ['W-48213', '1', 'wolt', 46.8, 19.4],
    ['CC-2201', '2', 'call_center', 112.5, 17.1],
    ['BF-1192', '1', 'bolt_food', 27.9, 15.6],
    ['W-47760', '2', 'wolt', 63.2, 14.2],
    ['Y-0917', '1', 'yango_deli', 38.0, 12.9],
    ['W-47102', '1', 'wolt', 19.5, 11.8],
    ['WEB-3387', '2', 'website', 84.4, 10.6],
    ['BF-1077', '1', 'bolt_food', null, 9.9],
    ['CC-2093', '1', 'call_center', 57.0, 9.1],
    ['W-46385', '2', 'wolt', 31.75, 8.7],
  ];
  return rows.slice(0, count).map(([number, venueId, channel, total, minutes], index) => {
    const daysAgo = days <= 1 ? 0 : (index * 7 + 3) % days;
    const hourOfDay = days <= 1 ? 12 + (index % 5) : [13, 19, 20, 12, 14][index % 5]!;
    const createdAt = Math.min(now - 30 * MINUTE, bakuMidnight(now) - daysAgo * DAY + hourOfDay * HOUR + ((index * 17) % 60) * MINUTE);
    const acceptMs = Math.round(minutes * MINUTE);
    return {
      id: `ord-${90_000 + index}`,
      venueId,
      number,
      channel,
      total,
      createdAt,
      firstSeenAt: createdAt + 4_000,
      announcedAt: createdAt + 4_000,
      acknowledgedAt: createdAt + Math.round(acceptMs * 0.7),
      acknowledgedOn: index % 2 === 0 ? 'KASSA-1' : 'KASSA-2',
      leftAt: createdAt + acceptMs,
      outcome: 'accepted' as const,
      acceptMs,
    };
  });
}

/** The last 30 days: 1,260 orders, a few slow dinners, 47 minutes without Clopos. */
export function thirtyDays(now: number): ReportData {
  const byHour = hours(ORDERS_30D, ACCEPT_S_30D);
  const orders = ORDERS_30D.reduce((sum, n) => sum + n, 0);
  return {
    range: '30d',
    from: bakuMidnight(now) - 29 * DAY,
    to: now,
    timeZone: 'Asia/Baku',
    escalationMinutes: 3,
    totals: figures(orders, {
      accepted: orders - 33,
      neverAccepted: 31,
      stillPending: 2,
      acceptMedianMs: 96_000,
      acceptP90Ms: 262_000,
      seenMedianMs: 38_000,
      seenP90Ms: 121_000,
      waitedOverThreshold: 27,
      unreachableMs: 47 * MINUTE + 12_000,
    }),
    byChannel: [
      group('wolt', 528, { accepted: 519, neverAccepted: 8, stillPending: 1, acceptMedianMs: 88_000, acceptP90Ms: 241_000, seenMedianMs: 35_000, seenP90Ms: 110_000, waitedOverThreshold: 11, unreachableMs: 47 * MINUTE }),
      group('bolt_food', 316, { accepted: 307, neverAccepted: 9, acceptMedianMs: 101_000, acceptP90Ms: 274_000, seenMedianMs: 41_000, seenP90Ms: 130_000, waitedOverThreshold: 7, unreachableMs: 47 * MINUTE }),
      group('call_center', 244, { accepted: 238, neverAccepted: 5, stillPending: 1, acceptMedianMs: 112_000, acceptP90Ms: 305_000, seenMedianMs: 44_000, seenP90Ms: 140_000, waitedOverThreshold: 6, unreachableMs: 47 * MINUTE }),
      group('website', 121, { accepted: 116, neverAccepted: 5, acceptMedianMs: 79_000, acceptP90Ms: 198_000, seenMedianMs: 31_000, seenP90Ms: 96_000, waitedOverThreshold: 2, unreachableMs: 47 * MINUTE }),
      group('yango_deli', 47, { accepted: 43, neverAccepted: 4, acceptMedianMs: 135_000, acceptP90Ms: 352_000, seenMedianMs: 52_000, seenP90Ms: 160_000, waitedOverThreshold: 1, unreachableMs: 47 * MINUTE }),
      group('', 4, { accepted: 2, neverAccepted: 0, stillPending: 0, acceptMedianMs: 70_000, acceptP90Ms: 90_000, seenMedianMs: null, seenP90Ms: null, unreachableMs: 47 * MINUTE }),
    ],
    byVenue: [
      group('1', 742, { accepted: 722, neverAccepted: 18, stillPending: 2, acceptMedianMs: 91_000, acceptP90Ms: 250_000, seenMedianMs: 36_000, seenP90Ms: 118_000, waitedOverThreshold: 14, unreachableMs: 47 * MINUTE + 12_000 }),
      group('2', 518, { accepted: 505, neverAccepted: 13, acceptMedianMs: 103_000, acceptP90Ms: 281_000, seenMedianMs: 41_000, seenP90Ms: 127_000, waitedOverThreshold: 13, unreachableMs: 47 * MINUTE + 12_000 }),
    ],
    byHour,
    slowest: slowest(now, 30),
    ledgerWarning: null,
  };
}

/** Today so far (lunch is over): 62 orders. */
export function today(now: number): ReportData {
  const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 9, 14, 11, 6, 4, 5, 9, 0, 0, 0, 0, 0];
  const seconds = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 58, 66, 92, 171, 118, 74, 71, 80, 104, 0, 0, 0, 0, 0];
  const orders = counts.reduce((sum, n) => sum + n, 0);
  return {
    ...thirtyDays(now),
    range: 'today',
    from: bakuMidnight(now),
    totals: figures(orders, {
      accepted: orders - 2,
      neverAccepted: 1,
      stillPending: 1,
      acceptMedianMs: 100_000,
      acceptP90Ms: 287_000,
      seenMedianMs: 42_000,
      seenP90Ms: 135_000,
      waitedOverThreshold: 3,
      unreachableMs: 0,
    }),
    byChannel: [
      group('wolt', 29, { accepted: 28, neverAccepted: 1, acceptMedianMs: 95_000, acceptP90Ms: 260_000, seenMedianMs: 40_000, seenP90Ms: 120_000, waitedOverThreshold: 2 }),
      group('bolt_food', 17, { accepted: 16, stillPending: 1, acceptMedianMs: 104_000, acceptP90Ms: 290_000, seenMedianMs: 44_000, seenP90Ms: 141_000, waitedOverThreshold: 1 }),
      group('call_center', 11, { acceptMedianMs: 117_000, acceptP90Ms: 301_000, seenMedianMs: 47_000, seenP90Ms: 150_000 }),
      group('website', 5, { acceptMedianMs: 72_000, acceptP90Ms: 160_000, seenMedianMs: 30_000, seenP90Ms: 70_000 }),
    ],
    byVenue: [
      group('1', 37, { accepted: 36, neverAccepted: 1, acceptMedianMs: 96_000, acceptP90Ms: 270_000, seenMedianMs: 41_000, seenP90Ms: 130_000, waitedOverThreshold: 2 }),
      group('2', 25, { accepted: 24, stillPending: 1, acceptMedianMs: 106_000, acceptP90Ms: 300_000, seenMedianMs: 44_000, seenP90Ms: 140_000, waitedOverThreshold: 1 }),
    ],
    byHour: hours(counts, seconds),
    slowest: slowest(now, 1, 4),
  };
}

/** Today, after the app found its ledger file damaged and kept it aside. */
export function todayWithDamagedLedger(now: number): ReportData {
  return {
    ...today(now),
    ledgerWarning: 'ledger/2026-03.jsonl: line 4127 is not valid JSON (unexpected end of data); the file was kept as ledger/2026-03.damaged-1741093200000.jsonl and a new one started.',
  };
}

/** A Saturday evening in Baku (18:40), after lunch and into the dinner rush. */
export const REPORT_NOW = Date.parse('2026-03-14T14:40:00Z');
