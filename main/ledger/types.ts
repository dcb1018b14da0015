/**
 * The ledger: every order's life and every time Clopos could not be reached, kept on disk for the
 * owner's report (common/report.ts). Electron-free: main/index.ts opens it in the app's data
 * folder, the CLI's `report` reads the same folder, tests open it in a temporary one.
 */
import type { EpochMs } from '../../common/engine';
import type { OrderLife, OrderOutcome, ReportData, ReportRange } from '../../common/report';

/** What the telegram escalation sent, or failed to send (never the token, never the chat's reply text). */
export type TelegramMessageKind = 'order' | 'outage' | 'all-clear' | 'test';

/** One fact, appended as it happens. Every event carries `at`, when it happened (epoch ms). */
export type LedgerEvent =
  /** The app first saw the order pending. */
  | {
      kind: 'seen';
      at: EpochMs;
      orderId: string;
      venueId: string;
      number: string | null;
      channel: string | null;
      total: number | null;
      createdAt: EpochMs | null;
    }
  /** A notification about the order was raised (a new-order or a summary announcement). */
  | { kind: 'announced'; at: EpochMs; orderId: string; venueId: string }
  /** A person pressed Seen (or All seen, or the shortcut) on this PC. */
  | { kind: 'acknowledged'; at: EpochMs; orderId: string; venueId: string; pc: string }
  | { kind: 'escalated'; at: EpochMs; orderId: string; venueId: string }
  | { kind: 'left'; at: EpochMs; orderId: string; venueId: string; outcome: OrderOutcome }
  /** Clopos (the whole watch: venueId null, or one venue) could not be reached since `since`. */
  | { kind: 'unreachable'; at: EpochMs; venueId: string | null; since: EpochMs }
  /** Reached again. */
  | { kind: 'reachable'; at: EpochMs; venueId: string | null }
  /** The app started watching / stopped (an outage open at a stop or a crash ends there). */
  | { kind: 'app'; at: EpochMs; what: 'opened' | 'closed' }
  /** A Telegram message sent, or a failure (`detail` says what Telegram or the network said, in English). */
  | { kind: 'telegram'; at: EpochMs; message: TelegramMessageKind; ok: boolean; detail: string | null; orderId?: string | undefined };

export interface ReportQuery {
  range: ReportRange;
  now: EpochMs;
  /** IANA zone for days and hours; '' = this PC's zone. */
  timeZone: string;
  escalationMinutes: number;
}

export interface Ledger {
  /**
   * Appends one event to disk before returning (a crash afterwards keeps it). Never throws: a
   * failed write is logged and becomes `warning()`.
   */
  record(event: LedgerEvent): void;
  report(query: ReportQuery): ReportData;
  /** Every order created in the period, oldest first (the CSV export). */
  orders(query: ReportQuery): OrderLife[];
  /** A damaged file kept aside, or a write that failed; null when all is well. */
  warning(): string | null;
  /** The telegram messages recorded with from ≤ at < to, as written (optional: fakes may leave it out). */
  telegramEvents?(from: EpochMs, to: EpochMs): Extract<LedgerEvent, { kind: 'telegram' }>[];
  /** Deletes what is older than the retention (also done when opened and once a day as events arrive). */
  prune(now: EpochMs): void;
  close(): void;
}
