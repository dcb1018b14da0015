import { MAX_MUTE_MINUTES } from '../../common/contract';
import type { Announcement, TrackedOrder } from '../../common/engine';
import { byAge, type PendingEntry, type SnapshotDiff } from './order-tracker';

/** Orders that left pending this session, kept for the board's history. */
export const HISTORY_LIMIT = 500;
/** The longest "Mute": it silences new orders and problems too, so it never lasts long. */
export const MAX_MUTE_MS = MAX_MUTE_MINUTES * 60_000;

export interface AlertThresholds {
  summaryThreshold: number;
  reminderMs: number;
  escalationMs: number;
  /** The poll interval: an order is never escalated before the poll after the one that first saw it. */
  pollIntervalMs: number;
}

interface ActiveOrder extends PendingEntry {
  acknowledged: boolean;
  escalated: boolean;
}


/**
 * Decides what to tell a person about pending orders: each new order (or one summary for a
 * burst), a reminder while any is unacknowledged, one escalation per order that waits too long,
 * and a notice when an order leaves pending.
 *
 * Two ways to quiet it, both always for a stated time: a pause stops reminders and escalations
 * (orders announced before it stop nagging; a new order still sounds), a mute (at most 15 min)
 * silences every sound while it lasts.
 */
export class AlertPolicy {
  private readonly active = new Map<string, ActiveOrder>();
  private readonly left: TrackedOrder[] = [];
  /** Reminders and escalations paused: [from, until) epoch ms; null when not paused. */
  private paused: { from: number; until: number } | null = null;
  /** Every sound silenced until this epoch ms; null when not muted. */
  private mutedUntil: number | null = null;
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
      this.left.unshift({ order: gone.order, firstSeenAt: gone.firstSeenAt, acknowledged: true, leftPendingAt: now });
      out.push({ type: 'left-pending', id: gone.id, status: gone.status, order: gone.order });
    }
    this.left.splice(HISTORY_LIMIT);

    for (const still of diff.stillPending) {
      const known = this.active.get(still.order.id);
      if (known) known.order = still.order;
      else this.active.set(still.order.id, { ...still, acknowledged: still.acknowledgedAt !== null, escalated: false });
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
    this.expire(now);
    if (this.paused !== null) return [];
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

  /** When `tick` next has something to do (including the end of a pause or mute); null when nothing is due. */
  nextDueAt(): number | null {
    const candidates: (number | null)[] = [this.mutedUntil];
    if (this.paused !== null) candidates.push(this.paused.until);
    else {
      candidates.push(this.reminderDueAt());
      for (const entry of this.active.values()) if (!entry.escalated) candidates.push(this.escalationDueAt(entry));
    }
    const due = candidates.filter((c): c is number => c !== null);
    return due.length > 0 ? Math.min(...due) : null;
  }

  acknowledge(id: string): boolean {
    const entry = this.active.get(id);
    if (!entry || entry.acknowledged) return false;
    entry.acknowledged = true;
    return true;
  }

  /** Acknowledges every unacknowledged order; returns their ids. */
  acknowledgeAll(): string[] {
    const open = this.unacknowledged();
    for (const entry of open) entry.acknowledged = true;
    return open.map((e) => e.order.id);
  }

  /** Stops reminders and escalations until `untilMs` (orders announced from now on still sound). */
  pause(untilMs: number, now: number): void {
    this.paused = untilMs > now ? { from: now, until: untilMs } : null;
  }

  /** Silences every sound until `untilMs`, at most MAX_MUTE_MS from now. */
  mute(untilMs: number, now: number): void {
    const until = Math.min(untilMs, now + MAX_MUTE_MS);
    this.mutedUntil = until > now ? until : null;
  }

  /** Ends both the pause and the mute. */
  resume(): void {
    this.paused = null;
    this.mutedUntil = null;
  }

  pausedUntil(now: number): number | null {
    this.expire(now);
    return this.paused === null ? null : this.paused.until;
  }

  mutedUntilAt(now: number): number | null {
    this.expire(now);
    return this.mutedUntil === null ? null : this.mutedUntil;
  }

  /**
   * Orders still ask for the alarm: an unacknowledged one, not muted, and while paused only one
   * announced since the pause began.
   */
  alarmActive(now: number): boolean {
    this.expire(now);
    if (this.mutedUntil !== null) return false;
    const paused = this.paused;
    return this.unacknowledged().some((e) => paused === null || e.firstSeenAt > paused.from);
  }

  /** True while every sound is silenced. */
  isMuted(now: number): boolean {
    this.expire(now);
    return this.mutedUntil !== null;
  }

  pending(): TrackedOrder[] {
    return this.sortedActive().map((e) => ({
      order: e.order,
      firstSeenAt: e.firstSeenAt,
      acknowledged: e.acknowledged,
      leftPendingAt: null,
    }));
  }

  /** Orders that left pending this session, newest first. */
  history(): TrackedOrder[] {
    return [...this.left];
  }

  private expire(now: number): void {
    if (this.paused !== null && now >= this.paused.until) this.paused = null;
    if (this.mutedUntil !== null && now >= this.mutedUntil) this.mutedUntil = null;
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
   * When the order started waiting, on this PC's clock: its creation on the server clock, but
   * never before the last complete listing that did not show it (a creation time in another zone,
   * or a wrong server clock, cannot make a fresh order look hours old), and never after it was first seen.
   */
  private waitingSince(entry: ActiveOrder): number {
    const created = entry.order.createdAt === null ? Number.NaN : Date.parse(entry.order.createdAt);
    if (!Number.isFinite(created)) return entry.firstSeenAt;
    const onThisClock = created - this.serverOffsetMs;
    const floor = entry.waitingNotBefore ?? Number.NEGATIVE_INFINITY;
    return Math.min(Math.max(onThisClock, floor), entry.firstSeenAt);
  }

  private waitedMs(entry: ActiveOrder, now: number): number {
    return Math.max(0, now - this.waitingSince(entry));
  }

  /**
   * Due when the order has waited the escalation time, but never on the poll that first saw it:
   * the new-order alert comes first, and a creation time that only looks old (another time zone)
   * gets a moment to be corrected.
   */
  private escalationDueAt(entry: ActiveOrder): number {
    const { escalationMs, pollIntervalMs } = this.thresholds();
    const grace = Math.max(1, Math.min(escalationMs, pollIntervalMs));
    return Math.max(this.waitingSince(entry) + escalationMs, entry.firstSeenAt + grace);
  }
}
