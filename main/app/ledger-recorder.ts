/**
 * Keeps the ledger (main/ledger) from what the engine reports: each order's life — first seen,
 * announced, seen by a person (on this PC), escalated, and how and when it left pending — and each
 * time Clopos, or one venue of it, could not be reached. It only watches the runtime's
 * announcements and states, so the engine knows nothing of it. Electron-free.
 */
import type { Announcement, EngineSnapshot, HealthProblem } from '../../common/engine';
import type { Order } from '../../common/order';
import type { OrderOutcome } from '../../common/report';
import type { Ledger } from '../ledger/types';
import type { Clock } from '../watch/types';

export interface LedgerRecorderDeps {
  ledger: Ledger;
  clock: Clock;
  /** This PC's name, kept with each "Seen". */
  pcName: string;
}

export interface LedgerRecorder {
  /** The app began watching (an outage the ledger still has open ended before this). */
  opened(): void;
  /** An announcement with the state it was made in. */
  announce(announcement: Announcement, snapshot: EngineSnapshot): void;
  state(snapshot: EngineSnapshot): void;
  /** The app stops watching: what is still open ends now. */
  closed(): void;
}

/** How an order that left pending ended, in the report's words. */
export function outcomeOf(order: Pick<Order, 'status' | 'rawStatus'> | null): OrderOutcome {
  if (!order) return 'vanished';
  switch (order.status) {
    case 'accepted':
    case 'completed':
      return 'accepted';
    case 'cancelled':
      // v2's IGNORE is the restaurant refusing the order.
      return order.rawStatus.trim().toUpperCase() === 'IGNORE' ? 'rejected' : 'cancelled';
    default:
      return 'vanished';
  }
}

/** Clopos' creation time as epoch ms; null when it gave none the app can read. */
function createdAtOf(order: Order): number | null {
  if (order.createdAt === null) return null;
  const at = Date.parse(order.createdAt);
  return Number.isFinite(at) ? at : null;
}

/** Problems that mean Clopos (or one venue) cannot be reached: the whole watch's ('connection') or a venue's ('venue:<id>'). */
function unreachableVenue(problem: HealthProblem): { venueId: string | null } | null {
  if (problem.key === 'connection') return { venueId: null };
  if (problem.key.startsWith('venue:')) return { venueId: problem.venueId ?? problem.key.slice('venue:'.length) };
  return null;
}

export function createLedgerRecorder({ ledger, clock, pcName }: LedgerRecorderDeps): LedgerRecorder {
  /** Pending orders already written, and whether their "Seen" was. Bounded by what is pending. */
  const pending = new Map<string, { venueId: string; acknowledged: boolean }>();
  /** Open outages written, by problem key. */
  const outages = new Map<string, { venueId: string | null }>();
  let open = false;

  const orderOf = (order: Order) => ({ orderId: order.id, venueId: order.venueId });

  /** Writes orders not written yet, and each "Seen" not written yet: an order's life starts before its announcement. */
  function notePending(snapshot: EngineSnapshot, now: number): void {
    for (const tracked of snapshot.pending) {
      const { order } = tracked;
      let known = pending.get(order.id);
      if (!known) {
        known = { venueId: order.venueId, acknowledged: false };
        pending.set(order.id, known);
        // The ledger ignores a second "seen" of an order it knows (after a restart).
        ledger.record({
          kind: 'seen',
          at: tracked.firstSeenAt,
          ...orderOf(order),
          number: order.number,
          channel: order.source,
          total: order.total,
          createdAt: createdAtOf(order),
        });
      }
      if (tracked.acknowledged && !known.acknowledged) {
        known.acknowledged = true;
        ledger.record({ kind: 'acknowledged', at: now, ...orderOf(order), pc: pcName });
      }
    }
  }

  return {
    opened() {
      if (open) return;
      open = true;
      ledger.record({ kind: 'app', at: clock.now(), what: 'opened' });
    },
    announce(announcement, snapshot) {
      if (!open) return;
      const at = clock.now();
      notePending(snapshot, at);
      switch (announcement.type) {
        case 'new-order':
          ledger.record({ kind: 'announced', at, ...orderOf(announcement.order) });
          break;
        case 'summary':
          for (const order of announcement.orders) ledger.record({ kind: 'announced', at, ...orderOf(order) });
          break;
        case 'escalation':
          ledger.record({ kind: 'escalated', at, ...orderOf(announcement.order) });
          break;
        case 'left-pending': {
          const known = pending.get(announcement.id);
          const venueId = announcement.order?.venueId ?? known?.venueId;
          pending.delete(announcement.id);
          if (venueId === undefined) break;
          // An order that vanished is looked up by the engine; the status it found is in `order`.
          const outcome = announcement.status === 'unknown' ? 'vanished' : outcomeOf(announcement.order);
          ledger.record({ kind: 'left', at, orderId: announcement.id, venueId, outcome });
          break;
        }
        default:
          break;
      }
    },
    state(snapshot) {
      if (!open) return;
      const now = clock.now();
      notePending(snapshot, now);
      const listed = new Set(snapshot.pending.map((t) => t.order.id));
      // Normally a left-pending announcement says where it went; without one, the history does.
      for (const [id, known] of [...pending]) {
        if (listed.has(id)) continue;
        pending.delete(id);
        const gone = snapshot.history.find((t) => t.order.id === id);
        ledger.record({ kind: 'left', at: gone?.leftPendingAt ?? now, orderId: id, venueId: known.venueId, outcome: outcomeOf(gone?.order ?? null) });
      }

      const current = new Map<string, { venueId: string | null; since: number }>();
      for (const problem of snapshot.health.problems) {
        const venue = unreachableVenue(problem);
        if (venue) current.set(problem.key, { venueId: venue.venueId, since: problem.since });
      }
      for (const [key, problem] of current) {
        if (outages.has(key)) continue;
        outages.set(key, { venueId: problem.venueId });
        ledger.record({ kind: 'unreachable', at: now, venueId: problem.venueId, since: problem.since });
      }
      for (const [key, outage] of [...outages]) {
        if (current.has(key)) continue;
        outages.delete(key);
        ledger.record({ kind: 'reachable', at: now, venueId: outage.venueId });
      }
    },
    closed() {
      if (!open) return;
      open = false;
      const now = clock.now();
      for (const outage of outages.values()) ledger.record({ kind: 'reachable', at: now, venueId: outage.venueId });
      outages.clear();
      pending.clear();
      ledger.record({ kind: 'app', at: now, what: 'closed' });
    },
  };
}
