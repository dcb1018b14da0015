import { isWaiting, type Order, type OrderStatus } from '../../common/order';
import type { VenueListing } from '../clopos/types';
import type { AnnouncedEntry } from './types';

/** Announced orders are forgotten this long after they left pending. */
export const ANNOUNCED_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Upper bound on the announced record, far above a day's orders of a busy brand. */
export const MAX_ANNOUNCED_ENTRIES = 5000;

export interface PendingEntry {
  order: Order;
  /** Epoch ms the notifier first saw the order pending (kept across restarts). */
  firstSeenAt: number;
  /** Epoch ms a person acknowledged it (kept across restarts), null while nobody has. */
  acknowledgedAt: number | null;
  /**
   * Epoch ms (PC clock) before which the order cannot have been waiting: the start of the last
   * complete listing of its venue that did not show it. Null when no such listing is known (the
   * first listing after start, or the order was announced before a restart).
   */
  waitingNotBefore: number | null;
}

export interface LeftPending {
  id: string;
  /** The status it moved to when the source listed it or a lookup told, otherwise 'unknown'. */
  status: OrderStatus;
  /** The order as last listed (with its new status when the source told it). */
  order: Order;
  firstSeenAt: number;
}

export interface SnapshotDiff {
  /** Pending orders never announced before, oldest first. */
  added: PendingEntry[];
  /** Pending orders seen before (this session or before a restart), with fresh data. */
  stillPending: PendingEntry[];
  left: LeftPending[];
  /** True when the announced record changed and should be saved. */
  recordChanged: boolean;
}

/** What the source said about how a listing was fetched. */
export interface ListingShape {
  /**
   * How each venue's listing went. An order is taken to have left pending only when its venue was
   * listed completely; a venue that failed or was cut short says nothing about its orders. Without
   * this, the listing counts as one complete single-page listing of every venue.
   */
  venues?: readonly Pick<VenueListing, 'venueId' | 'error' | 'incomplete' | 'paged'>[];
  /** Orders a lookup found Clopos no longer has: gone, whatever the listing shape. */
  vanished?: ReadonlySet<string>;
  /** When the listing started (PC clock): an order it did not show was not waiting before then. */
  listedAt?: number;
}

/** When the order was created as far as the app knows: its creation time, else when it was first seen. */
export const knownCreatedAt = (entry: Pick<PendingEntry, 'order' | 'firstSeenAt'>): number => {
  const created = entry.order.createdAt === null ? Number.NaN : Date.parse(entry.order.createdAt);
  return Number.isFinite(created) ? created : entry.firstSeenAt;
};

export const byAge = (a: PendingEntry, b: PendingEntry): number =>
  knownCreatedAt(a) - knownCreatedAt(b) || a.firstSeenAt - b.firstSeenAt || a.order.id.localeCompare(b.order.id);

/** Key of the last complete listing when the source does not say how each venue went. */
const ANY_VENUE = '';


/**
 * Diffs each successful snapshot of pending orders against the last one and keeps the persisted
 * "already announced" record, so an order is announced once even across restarts.
 */
export class OrderTracker {
  private readonly announced = new Map<string, AnnouncedEntry>();
  private readonly current = new Map<string, PendingEntry>();
  /** Pending orders missing from one paged listing: they have left if the next complete listing misses them too. */
  private readonly missingOnce = new Set<string>();
  /** Start of the last complete listing per venue. */
  private readonly lastCompleteListing = new Map<string, number>();

  /** Seeds the record loaded from storage; call before the first snapshot. */
  restore(entries: ReadonlyMap<string, AnnouncedEntry>): void {
    this.announced.clear();
    for (const [id, entry] of entries) this.announced.set(id, { ...entry });
  }

  record(): ReadonlyMap<string, AnnouncedEntry> {
    return this.announced;
  }

  /** A person acknowledged the order: kept in the record so a restart does not ring for it again. */
  acknowledge(id: string, now: number): boolean {
    const entry = this.announced.get(id);
    const tracked = this.current.get(id);
    if (tracked && tracked.acknowledgedAt === null) tracked.acknowledgedAt = now;
    if (!entry || entry.acknowledgedAt !== null) return false;
    entry.acknowledgedAt = now;
    return true;
  }

  /** Marks new orders' slips due (printing each new order is on). */
  markSlipsDue(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.announced.get(id);
      if (entry && entry.slip === undefined) entry.slip = 'due';
    }
  }

  /** Pending orders whose slip is due, oldest first. */
  slipsDue(): Order[] {
    return [...this.current.values()]
      .filter((tracked) => this.announced.get(tracked.order.id)?.slip === 'due')
      .sort(byAge)
      .map((tracked) => tracked.order);
  }

  /** The slip printed; false when it was not due (nothing to save). */
  slipPrinted(id: string, now: number): boolean {
    const entry = this.announced.get(id);
    if (!entry || entry.slip !== 'due') return false;
    entry.slip = now;
    return true;
  }

  /**
   * Orders pending until now that this listing does not show in any status, from venues that
   * answered: a lookup can tell where they went (or that a page shift hid them).
   */
  missingFrom(listed: readonly Order[], shape: ListingShape = {}): { id: string; venueId: string }[] {
    const listedIds = new Set(listed.map((o) => o.id));
    const answered = shape.venues ? new Set(shape.venues.filter((v) => v.error === null).map((v) => v.venueId)) : null;
    return [...this.current.values()]
      .filter((t) => !listedIds.has(t.order.id) && (answered === null || answered.has(t.order.venueId)))
      .map((t) => ({ id: t.order.id, venueId: t.order.venueId }));
  }

  /**
   * Applies one successful listing. Orders listed with a status other than pending tell the
   * status they moved to; any other order that vanished left with status 'unknown'. Only a
   * venue listed completely says its missing orders left; absence from a paged listing must be
   * confirmed by the next complete one (or a lookup), so a page shift cannot end an order's alarm.
   */
  apply(listed: readonly Order[], now: number, shape: ListingShape = {}): SnapshotDiff {
    const diff: SnapshotDiff = { added: [], stillPending: [], left: [], recordChanged: false };
    const listedElsewhere = new Map<string, Order>();
    const seen = new Set<string>();
    const venues = new Map((shape.venues ?? []).map((v) => [v.venueId, v]));
    const judged = (venueId: string): { complete: boolean; paged: boolean } => {
      if (!shape.venues) return { complete: true, paged: false };
      const venue = venues.get(venueId);
      if (!venue) return { complete: false, paged: false };
      return { complete: venue.error === null && venue.incomplete === null, paged: venue.paged };
    };
    const allComplete = !shape.venues || shape.venues.every((v) => v.error === null && v.incomplete === null);

    for (const order of listed) {
      if (!isWaiting(order)) {
        listedElsewhere.set(order.id, order);
        continue;
      }
      if (seen.has(order.id)) continue;
      seen.add(order.id);
      this.missingOnce.delete(order.id);
      const tracked = this.current.get(order.id);
      if (tracked) {
        tracked.order = order;
        diff.stillPending.push(tracked);
        continue;
      }
      const entry = this.announced.get(order.id);
      if (entry) {
        // Announced before a restart (or it reappeared after a glitch): watch it, do not announce it again.
        if (entry.leftAt !== null) {
          entry.leftAt = null;
          diff.recordChanged = true;
        }
        const resumed = { order, firstSeenAt: entry.firstSeenAt, acknowledgedAt: entry.acknowledgedAt, waitingNotBefore: null };
        this.current.set(order.id, resumed);
        diff.stillPending.push(resumed);
        continue;
      }
      const lastComplete = this.lastCompleteListing.get(shape.venues ? order.venueId : ANY_VENUE) ?? null;
      const added = { order, firstSeenAt: now, acknowledgedAt: null, waitingNotBefore: lastComplete };
      this.announced.set(order.id, { firstSeenAt: now, leftAt: null, acknowledgedAt: null });
      this.current.set(order.id, added);
      diff.added.push(added);
      diff.recordChanged = true;
    }

    for (const [id, tracked] of this.current) {
      if (seen.has(id)) continue;
      const moved = listedElsewhere.get(id);
      const venue = judged(tracked.order.venueId);
      const gone =
        moved !== undefined || shape.vanished?.has(id) === true || (venue.complete && (!venue.paged || this.missingOnce.has(id)));
      if (!gone) {
        if (venue.complete) this.missingOnce.add(id);
        diff.stillPending.push(tracked);
        continue;
      }
      this.missingOnce.delete(id);
      this.current.delete(id);
      diff.left.push({ id, status: moved?.status ?? 'unknown', order: moved ?? tracked.order, firstSeenAt: tracked.firstSeenAt });
    }
    for (const [id, entry] of this.announced) {
      // Also covers orders announced before a restart that left while the app was closed. The
      // record does not say which venue an entry belongs to, so only a listing complete for every venue tells.
      if (allComplete && entry.leftAt === null && !this.current.has(id)) {
        entry.leftAt = now;
        diff.recordChanged = true;
      }
    }
    if (shape.listedAt !== undefined) {
      if (!shape.venues) this.lastCompleteListing.set(ANY_VENUE, shape.listedAt);
      for (const [venueId, v] of venues) if (v.error === null && v.incomplete === null) this.lastCompleteListing.set(venueId, shape.listedAt);
    }
    if (this.prune(now)) diff.recordChanged = true;
    diff.added.sort(byAge);
    diff.stillPending.sort(byAge);
    return diff;
  }

  /** Drops entries a day after they left pending, then the oldest ones beyond the bound. */
  prune(now: number): boolean {
    let changed = false;
    for (const [id, entry] of this.announced) {
      if (entry.leftAt !== null && now - entry.leftAt > ANNOUNCED_RETENTION_MS) {
        this.announced.delete(id);
        changed = true;
      }
    }
    const excess = this.announced.size - MAX_ANNOUNCED_ENTRIES;
    if (excess > 0) {
      const removable = [...this.announced]
        .filter(([id]) => !this.current.has(id))
        .sort(([, a], [, b]) => (a.leftAt ?? a.firstSeenAt) - (b.leftAt ?? b.firstSeenAt))
        .slice(0, excess);
      for (const [id] of removable) this.announced.delete(id);
      changed ||= removable.length > 0;
    }
    return changed;
  }
}
