/** What the board shows, as pure functions of the engine snapshot: filtering, search, order, urgency. */
import type { EngineSnapshot, TrackedOrder } from '../../../common/engine';
import type { Order } from '../../../common/order';

export const BOARD_FILTERS = ['pending', 'accepted', 'completed', 'cancelled', 'all'] as const;
export type BoardFilter = (typeof BOARD_FILTERS)[number];
/** What the board's one "History" control offers: everything but the waiting orders. */
export const HISTORY_FILTERS = ['accepted', 'completed', 'cancelled', 'all'] as const satisfies readonly BoardFilter[];
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

/** Pending orders nobody has acknowledged come first, oldest first (the snapshot's order). */
function pendingFirst(pending: readonly TrackedOrder[]): TrackedOrder[] {
  return [...pending.filter((o) => !o.acknowledged), ...pending.filter((o) => o.acknowledged)];
}

export function ordersFor(snapshot: EngineSnapshot, filter: BoardFilter): TrackedOrder[] {
  switch (filter) {
    case 'pending':
      return pendingFirst(snapshot.pending);
    case 'all':
      return [...pendingFirst(snapshot.pending), ...snapshot.history];
    default:
      return snapshot.history.filter((tracked) => tracked.order.status === filter);
  }
}

export function countsByFilter(snapshot: EngineSnapshot): Record<BoardFilter, number> {
  const counts: Record<BoardFilter, number> = {
    pending: snapshot.pending.length,
    accepted: 0,
    completed: 0,
    cancelled: 0,
    all: snapshot.pending.length + snapshot.history.length,
  };
  for (const { order } of snapshot.history) {
    if (order.status === 'accepted' || order.status === 'completed' || order.status === 'cancelled') counts[order.status]++;
  }
  return counts;
}

const digitsOf = (text: string) => text.replace(/\D+/g, '');

/**
 * Matches the display number or id, the customer's name, or — when the query looks like a phone
 * number — the phone by digits only, so "050 123" finds "+994 50 123…" written any way.
 */
export function matchesSearch(order: Order, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  const texts = [order.number, order.id, order.customer?.name].filter((t): t is string => Boolean(t));
  if (texts.some((text) => text.toLocaleLowerCase().includes(needle))) return true;
  const phone = order.customer?.phone;
  if (!phone || !/^[\d\s()+.-]+$/.test(needle)) return false;
  const needleDigits = digitsOf(needle).replace(/^0+/, '');
  return needleDigits.length >= 3 && digitsOf(phone).includes(needleDigits);
}

export function boardOrders(snapshot: EngineSnapshot, filter: BoardFilter, query: string): TrackedOrder[] {
  const orders = ordersFor(snapshot, filter);
  return query.trim() ? orders.filter((tracked) => matchesSearch(tracked.order, query)) : orders;
}

export const displayNumber = (order: Order): string => order.number ?? order.id;

/** Clopos' creation time as epoch ms; NaN when it sent none the app could read ("time unknown"). */
const createdMs = (order: Order): number => (order.createdAt === null ? Number.NaN : Date.parse(order.createdAt));

export const hasCreationTime = (order: Order): boolean => Number.isFinite(createdMs(order));

/**
 * When the order's wait started: Clopos' created time, unless it is unknown or lies in the
 * future (a clock or zone mismatch), then the moment the notifier first saw it.
 */
export function waitStartedAt(tracked: TrackedOrder, now: number): number {
  const created = createdMs(tracked.order);
  if (Number.isFinite(created) && created <= now) return created;
  const seen = tracked.firstSeenAt;
  return Number.isFinite(seen) ? Math.min(seen, now) : now;
}

export type WaitLevel = 'fresh' | 'waiting' | 'late';

/** Under a minute: fresh; from the escalation threshold on: late; in between: waiting. */
export function waitLevel(elapsedMs: number, escalationMinutes: number): WaitLevel {
  if (elapsedMs >= escalationMinutes * 60_000) return 'late';
  return elapsedMs < 60_000 ? 'fresh' : 'waiting';
}

