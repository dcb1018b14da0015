import type { EngineSnapshot, TrackedOrder } from '../../../common/engine';
import type { Order } from '../../../common/order';

export const NOW = Date.parse('2026-03-02T12:05:00Z');

export function order(patch: Partial<Order> = {}): Order {
  return {
    id: '10001',
    number: 'A-001',
    status: 'pending',
    rawStatus: 'PENDING',
    createdAt: '2026-03-02T12:02:00Z',
    updatedAt: null,
    total: 25.5,
    totalIsComputed: false,
    customer: { name: 'Aysel Məmmədova', phone: '+994 50 123 45 67', address: 'Nizami küç. 10' },
    items: [
      { name: 'Toyuq plov', quantity: 2, unitPrice: 10, total: 20, modifiers: [] },
      { name: 'Ayran', quantity: 1, unitPrice: 5.5, total: 5.5, modifiers: [] },
    ],
    deliveryType: 'delivery',
    paymentStatus: 'pending',
    comment: null,
    receiptId: null,
    venueId: '1',
    source: 'call_center',
    ...patch,
  };
}

export const tracked = (o: Order, acknowledged = false): TrackedOrder => ({
  order: o,
  firstSeenAt: o.createdAt === null ? NOW : Date.parse(o.createdAt),
  acknowledged,
  leftPendingAt: null,
});

export function snapshot(patch: Partial<EngineSnapshot> = {}): EngineSnapshot {
  return {
    pending: [],
    history: [],
    health: { status: 'ok', error: null, since: null, consecutiveFailures: 0, alarmed: false, problems: [] },
    lastSuccessAt: Date.parse('2026-03-02T12:03:10Z'),
    nextPollAt: null,
    polling: false,
    paused: false,
    alertsPausedUntil: null,
    mutedUntil: null,
    budget: null,
    cadence: { mode: 'auto', intervalMs: 3_000, reason: 'fastest' },
    alarmActive: false,
    ...patch,
  };
}

export const problem = (kind: 'offline' | 'auth' = 'offline'): EngineSnapshot['health'] => {
  const error = { kind, message: kind === 'offline' ? 'Cannot reach integrations.clopos.com.' : 'Sign-in refused.' };
  const since = Date.parse('2026-03-02T12:03:00Z');
  return {
    status: 'problem',
    error,
    since,
    consecutiveFailures: 3,
    alarmed: true,
    problems: [{ key: 'connection', venueId: null, error, since, alarmed: true }],
  };
};
