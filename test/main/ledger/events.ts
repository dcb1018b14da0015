/** Hand-built ledger events for the ledger's tests. */
import type { OrderOutcome } from '../../../common/report';
import type { LedgerEvent, ReportQuery } from '../../../main/ledger/types';

export const SEC = 1000;
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface SeenOptions {
  venueId?: string;
  channel?: string | null;
  number?: string | null;
  total?: number | null;
  /** Clopos' creation time; default: `at`. null = Clopos gave none. */
  createdAt?: number | null;
}

export function seen(orderId: string, at: number, options: SeenOptions = {}): LedgerEvent {
  return {
    kind: 'seen',
    at,
    orderId,
    venueId: options.venueId ?? 'v1',
    number: options.number ?? null,
    channel: options.channel === undefined ? 'wolt' : options.channel,
    total: options.total ?? null,
    createdAt: options.createdAt === undefined ? at : options.createdAt,
  };
}

export const announced = (orderId: string, at: number, venueId = 'v1'): LedgerEvent => ({ kind: 'announced', at, orderId, venueId });
export const acked = (orderId: string, at: number, venueId = 'v1', pc = 'PC-1'): LedgerEvent => ({ kind: 'acknowledged', at, orderId, venueId, pc });
export const escalated = (orderId: string, at: number, venueId = 'v1'): LedgerEvent => ({ kind: 'escalated', at, orderId, venueId });
export const left = (orderId: string, at: number, outcome: OrderOutcome = 'accepted', venueId = 'v1'): LedgerEvent => ({ kind: 'left', at, orderId, venueId, outcome });
export const unreachable = (at: number, since: number, venueId: string | null = null): LedgerEvent => ({ kind: 'unreachable', at, venueId, since });
export const reachable = (at: number, venueId: string | null = null): LedgerEvent => ({ kind: 'reachable', at, venueId });
export const app = (at: number, what: 'opened' | 'closed'): LedgerEvent => ({ kind: 'app', at, what });

/** An order's whole life: seen at `created` (+ announced), accepted `acceptAfter` later, Seen `seenAfter` later when given. */
export function accepted(orderId: string, created: number, acceptAfter: number, options: SeenOptions & { seenAfter?: number } = {}): LedgerEvent[] {
  const venueId = options.venueId ?? 'v1';
  const events = [seen(orderId, created, options), announced(orderId, created + 100, venueId)];
  if (options.seenAfter !== undefined) events.push(acked(orderId, created + options.seenAfter, venueId));
  events.push(left(orderId, created + acceptAfter, 'accepted', venueId));
  return events;
}

export function query(now: number, range: ReportQuery['range'] = 'today', timeZone = 'UTC', escalationMinutes = 3): ReportQuery {
  return { range, now, timeZone, escalationMinutes };
}
