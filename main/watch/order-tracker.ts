import type { Order, OrderStatus } from '../../common/order';
import type { AnnouncedEntry } from './types';

/** Announced orders are forgotten this long after they left pending. */
export const ANNOUNCED_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Upper bound on the announced record, far above a day's orders of a busy brand. */
export const MAX_ANNOUNCED_ENTRIES = 5000;

export interface PendingEntry {
  order: Order;
  /** Epoch ms the notifier first saw the order pending (kept across restarts). */
  firstSeenAt: number;
}

export interface LeftPending {
  id: string;
  /** The status it moved to when the source still listed it, otherwise 'unknown'. */
  status: OrderStatus;
  /** The order as last listed (with its new status when the source listed it). */
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
  /** False when the page bound cut the listing off: no order missing from it is taken to have left. */
  complete?: boolean;
  /**
   * True when the listing took more than one page: an order accepted between page requests shifts
   * the later pages up, so another pending order can be missing from this listing only.
   */
  paged?: boolean;
}

export const byAge = (a: PendingEntry, b: PendingEntry): number =>
  a.order.createdAt.localeCompare(b.order.createdAt) || a.firstSeenAt - b.firstSeenAt || a.order.id.localeCompare(b.order.id);

/**
 * Diffs each successful snapshot of pending orders against the last one and keeps the persisted
 * "already announced" record, so an order is announced once even across restarts.
 */
export class OrderTracker {
  private readonly announced = new Map<string, AnnouncedEntry>();
  private readonly current = new Map<string, PendingEntry>();
  /** Pending orders missing from one paged listing: they have left if the next complete listing misses them too. */
  private readonly missingOnce = new Set<string>();

  /** Seeds the record loaded from storage; call before the first snapshot. */
  restore(entries: ReadonlyMap<string, AnnouncedEntry>): void {
    this.announced.clear();
    for (const [id, entry] of entries) this.announced.set(id, { ...entry });
  }

  record(): ReadonlyMap<string, AnnouncedEntry> {
    return this.announced;
  }

  /**
   * Applies one successful listing. Orders listed with a status other than pending tell the
   * status they moved to; any other order that vanished left with status 'unknown'. From an
   * incomplete listing (cut off by the page bound) no order is taken to have left. Absence from a
   * paged listing must be confirmed by the next complete one, so a page shift cannot end an
   * order's alarm; a listing of one page per venue (the common case) tells at once.
   */
  apply(listed: readonly Order[], now: number, { complete = true, paged = false }: ListingShape = {}): SnapshotDiff {
    const diff: SnapshotDiff = { added: [], stillPending: [], left: [], recordChanged: false };
    const listedElsewhere = new Map<string, Order>();
    const seen = new Set<string>();

    for (const order of listed) {
      // The source lists pending orders; one in a status nobody mapped is still waiting as far as
      // we know, and a missed order costs more than an extra announcement.
      if (order.status !== 'pending' && order.status !== 'unknown') {
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
        const resumed = { order, firstSeenAt: entry.firstSeenAt };
        this.current.set(order.id, resumed);
        diff.stillPending.push(resumed);
        continue;
      }
      const added = { order, firstSeenAt: now };
      this.announced.set(order.id, { firstSeenAt: now, leftAt: null });
      this.current.set(order.id, added);
      diff.added.push(added);
      diff.recordChanged = true;
    }

    for (const [id, tracked] of this.current) {
      if (seen.has(id)) continue;
      const moved = listedElsewhere.get(id);
      const gone = complete && (moved !== undefined || !paged || this.missingOnce.has(id));
      if (!gone) {
        if (complete) this.missingOnce.add(id);
        diff.stillPending.push(tracked);
        continue;
      }
      this.missingOnce.delete(id);
      this.current.delete(id);
      diff.left.push({ id, status: moved?.status ?? 'unknown', order: moved ?? tracked.order, firstSeenAt: tracked.firstSeenAt });
    }
    for (const [id, entry] of this.announced) {
      // Also covers orders announced before a restart that left while the app was closed.
      if (complete && entry.leftAt === null && !this.current.has(id)) {
        entry.leftAt = now;
        diff.recordChanged = true;
      }
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
