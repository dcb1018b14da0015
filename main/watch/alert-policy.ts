import type { Announcement, TrackedOrder } from '../../common/engine';
import type { Order } from '../../common/order';
import { byAge, type SnapshotDiff } from './order-tracker';

/** Orders that left pending this session, kept for the board's history. */
export const HISTORY_LIMIT = 500;
/** "Until resumed" as an ISO time the snapshot can carry. */
export const ALERTS_PAUSED_INDEFINITELY = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface AlertThresholds {
  summaryThreshold: number;
  reminderMs: number;
  escalationMs: number;
}

interface ActiveOrder {
  order: Order;
  firstSeenAt: number;
  acknowledged: boolean;
  escalated: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Decides what to tell a person about pending orders: each new order (or one summary for a
 * burst), a reminder while any is unacknowledged, one escalation per order that waits too long,
 * and a notice when an order leaves pending.
 */
export class AlertPolicy {
  private readonly active = new Map<string, ActiveOrder>();
  private readonly left: TrackedOrder[] = [];
  /** Epoch ms alerts are muted until; null when not muted. */
  private pausedUntil: number | null = null;
  /** Last time a person was alerted about pending orders: reminders count from here. */
  private lastAlertAt: number | null = null;
  /** Server clock minus this PC's clock, from the last listing that carried server time. */
  private serverOffsetMs = 0;

  constructor(private readonly thresholds: () => AlertThresholds) {}

  /** New and vanished orders of one successful poll, in the order they should be told. */
  onSnapshot(diff: SnapshotDiff, now: number, serverTime: number | null): Announcement[] {
    if (serverTime !== null) this.serverOffsetMs = serverTime - now;
    const out: Announcement[] = [];

    for (const gone of diff.left) {
      this.active.delete(gone.id);
      this.left.unshift({ order: gone.order, firstSeenAt: iso(gone.firstSeenAt), acknowledged: true, leftPendingAt: iso(now) });
      out.push({ type: 'left-pending', id: gone.id, status: gone.status, order: gone.order });
    }
    this.left.splice(HISTORY_LIMIT);

    for (const still of diff.stillPending) {
      const known = this.active.get(still.order.id);
      if (known) known.order = still.order;
      else this.active.set(still.order.id, { ...still, acknowledged: false, escalated: false });
    }

    for (const added of diff.added) this.active.set(added.order.id, { ...added, acknowledged: false, escalated: false });
    if (diff.added.length > this.thresholds().summaryThreshold) {
      out.push({ type: 'summary', orders: diff.added.map((a) => a.order) });
    } else {
      for (const added of diff.added) out.push({ type: 'new-order', order: added.order });
    }
    if (diff.added.length > 0) this.lastAlertAt = now;
    // Orders resumed after a restart were announced before: remind about them from now on, not at once.
    if (this.lastAlertAt === null && this.unacknowledged().length > 0) this.lastAlertAt = now;
    return out;
  }

  /**
   * Escalations and reminders due at `now`. Escalation applies to acknowledged orders too: an
   * order still pending after the escalation time is the one a delivery platform is about to drop.
   */
  tick(now: number): Announcement[] {
    if (this.pausedUntil !== null && now >= this.pausedUntil) this.pausedUntil = null;
    if (this.pausedUntil !== null) return [];
    const out: Announcement[] = [];
    for (const entry of this.sortedActive()) {
      if (entry.escalated || now < this.escalationDueAt(entry)) continue;
      entry.escalated = true;
      this.lastAlertAt = now;
      out.push({ type: 'escalation', order: entry.order, waitedMs: this.waitedMs(entry, now) });
    }
    const due = this.reminderDueAt();
    if (due !== null && now >= due) {
      this.lastAlertAt = now;
      out.push({ type: 'reminder', orders: this.unacknowledged().map((e) => e.order) });
    }
    return out;
  }

  /** When `tick` next has something to do (including the end of a timed mute); null when nothing is due. */
  nextDueAt(): number | null {
    if (this.pausedUntil !== null) return this.pausedUntil >= ALERTS_PAUSED_INDEFINITELY ? null : this.pausedUntil;
    const candidates = [this.reminderDueAt()];
    for (const entry of this.active.values()) if (!entry.escalated) candidates.push(this.escalationDueAt(entry));
    const due = candidates.filter((c): c is number => c !== null);
    return due.length > 0 ? Math.min(...due) : null;
  }

  acknowledge(id: string): boolean {
    const entry = this.active.get(id);
    if (!entry || entry.acknowledged) return false;
    entry.acknowledged = true;
    return true;
  }

  acknowledgeAll(): boolean {
    const open = this.unacknowledged();
    for (const entry of open) entry.acknowledged = true;
    return open.length > 0;
  }

  /** Mutes reminders and escalations (new orders are still announced); null = until resumed. */
  pause(untilMs: number | null): void {
    this.pausedUntil = untilMs ?? ALERTS_PAUSED_INDEFINITELY;
  }

  resume(): void {
    this.pausedUntil = null;
  }

  pausedUntilIso(now: number): string | null {
    return this.pausedUntil === null || now >= this.pausedUntil ? null : iso(this.pausedUntil);
  }

  alarmActive(now: number): boolean {
    return this.pausedUntilIso(now) === null && this.unacknowledged().length > 0;
  }

  pending(): TrackedOrder[] {
    return this.sortedActive().map((e) => ({
      order: e.order,
      firstSeenAt: iso(e.firstSeenAt),
      acknowledged: e.acknowledged,
      leftPendingAt: null,
    }));
  }

  /** Orders that left pending this session, newest first. */
  history(): TrackedOrder[] {
    return [...this.left];
  }

  private sortedActive(): ActiveOrder[] {
    return [...this.active.values()].sort(byAge);
  }

  private unacknowledged(): ActiveOrder[] {
    return this.sortedActive().filter((e) => !e.acknowledged);
  }

  private reminderDueAt(): number | null {
    if (this.lastAlertAt === null || this.unacknowledged().length === 0) return null;
    return this.lastAlertAt + this.thresholds().reminderMs;
  }

  /**
   * Wait is measured from the order's creation on the server clock; the first sighting is a floor
   * for a creation time that is missing or ahead of the server clock.
   */
  private waitedMs(entry: ActiveOrder, now: number): number {
    const created = Date.parse(entry.order.createdAt);
    const bySeen = now - entry.firstSeenAt;
    return Number.isFinite(created) ? Math.max(now + this.serverOffsetMs - created, bySeen) : bySeen;
  }

  private escalationDueAt(entry: ActiveOrder): number {
    const { escalationMs } = this.thresholds();
    const bySeen = entry.firstSeenAt + escalationMs;
    const created = Date.parse(entry.order.createdAt);
    return Number.isFinite(created) ? Math.min(created - this.serverOffsetMs + escalationMs, bySeen) : bySeen;
  }
}
