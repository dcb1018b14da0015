/**
 * The owner's report: what the ledger (main/ledger) computes for a period and the window, the CSV
 * export and the CLI show. Times are epoch milliseconds; durations are milliseconds.
 */
import type { EpochMs } from './engine';

/** The periods the report screen offers: today, yesterday, the last 7 and the last 30 days (today included). */
export const REPORT_RANGES = ['today', 'yesterday', '7d', '30d'] as const;
export type ReportRange = (typeof REPORT_RANGES)[number];

/** How an order left pending: accepted (or completed), rejected (IGNORE), cancelled, vanished (gone without a status). */
export const ORDER_OUTCOMES = ['accepted', 'rejected', 'cancelled', 'vanished'] as const;
export type OrderOutcome = (typeof ORDER_OUTCOMES)[number];

/** The figures of a report, for all orders or for one channel or venue. */
export interface ReportFigures {
  /** Orders created (first seen when Clopos gave no creation time) in the period. */
  orders: number;
  accepted: number;
  /** Left pending without being accepted: rejected, cancelled or vanished. */
  neverAccepted: number;
  /** Still pending when the report was made (or when the app last saw them, if it was closed). */
  stillPending: number;
  /** Creation → seen leaving pending as accepted (within one poll), over the accepted orders; null without any. */
  acceptMedianMs: number | null;
  acceptP90Ms: number | null;
  /** Creation → a person pressed Seen (or "All seen"), over the orders someone saw; null without any. */
  seenMedianMs: number | null;
  seenP90Ms: number | null;
  /** Orders nobody saw or accepted within the escalation threshold (creation → the earlier of seen and left pending). */
  waitedOverThreshold: number;
  /** Milliseconds Clopos could not be reached while the app was open, inside the period (for a venue: the whole watch's or that venue's). */
  unreachableMs: number;
}

/** The figures for one channel or venue; `key` is the channel code or venue id ('' = unknown channel). */
export interface ReportGroup extends ReportFigures {
  key: string;
}

/** One hour of the day (0–23, in the report's time zone), over every day of the period. */
export interface ReportHour {
  hour: number;
  orders: number;
  /** Median creation → acceptance of the orders created in that hour; null without any accepted. */
  acceptMedianMs: number | null;
}

/** One order's life as the ledger knows it (the slowest ten, the CSV). */
export interface OrderLife {
  id: string;
  venueId: string;
  number: string | null;
  /** The channel code (Order.source), null when unknown. */
  channel: string | null;
  total: number | null;
  /** Clopos' creation time; null when Clopos gave none (the report then counts from firstSeenAt). */
  createdAt: EpochMs | null;
  firstSeenAt: EpochMs;
  announcedAt: EpochMs | null;
  acknowledgedAt: EpochMs | null;
  /** The PC's name where Seen was pressed. */
  acknowledgedOn: string | null;
  leftAt: EpochMs | null;
  /** null while pending. */
  outcome: OrderOutcome | null;
  /** Creation (or first seen) → accepted, null unless accepted. */
  acceptMs: number | null;
}

export interface ReportData {
  range: ReportRange;
  /** The period: [from, to), `to` is now for ranges including today. */
  from: EpochMs;
  to: EpochMs;
  /** The IANA zone days and hours are counted in. */
  timeZone: string;
  /** The escalation threshold the "waited" figure used, in minutes. */
  escalationMinutes: number;
  totals: ReportFigures;
  byChannel: ReportGroup[];
  byVenue: ReportGroup[];
  /** Always 24 entries, hour 0 first. */
  byHour: ReportHour[];
  /** The ten slowest accepted orders (creation → acceptance), slowest first. */
  slowest: OrderLife[];
  /** A damaged ledger file kept aside, or a write that failed; null when all is well. */
  ledgerWarning: string | null;
}
