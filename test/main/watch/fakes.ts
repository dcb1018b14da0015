import type { Announcement, RateBudget } from '../../../common/engine';
import type { Order } from '../../../common/order';
import { appError, type AppError, type Result } from '../../../common/result';
import type { OrderSource, PendingList } from '../../../main/clopos/types';
import type { AnnouncedEntry, AnnouncedStore, Announcer } from '../../../main/watch/types';

let counter = 0;

export function makeOrder(overrides: Partial<Order> = {}): Order {
  counter += 1;
  const id = overrides.id ?? `o-${counter}`;
  return {
    id,
    number: `A-${counter}`,
    status: 'pending',
    rawStatus: 'PENDING',
    createdAt: new Date(Date.now()).toISOString(),
    updatedAt: null,
    total: 12.5,
    totalIsComputed: false,
    customer: null,
    items: [{ name: 'Tea', quantity: 1, unitPrice: 12.5, total: 12.5, modifiers: [] }],
    deliveryType: 'pickup',
    paymentStatus: null,
    comment: null,
    receiptId: null,
    venueId: '1',
    source: null,
    ...overrides,
  };
}

type Step = { error: AppError } | { hang: true } | { orders: Order[] } | { omit: string[] };

/**
 * A scripted Clopos: a set of pending orders the test changes, plus a queue of one-off outcomes
 * (failures, hangs, extra listed orders) consumed one per poll.
 */
export class FakeSource implements OrderSource {
  readonly pending = new Map<string, Order>();
  readonly script: Step[] = [];
  readonly callTimes: number[] = [];
  latencyMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  serverTime: (() => number) | null = null;
  currentBudget: RateBudget | null = null;
  /** Answer as if the page bound cut the listing off. */
  truncated = false;
  /** Answer as if the listing took more than one page. */
  paged = false;
  /** Applied after each answered poll, like a server counting requests. */
  onAnswer: (() => void) | null = null;
  /** How often the engine lifted the sign-in back-off. */
  authBackoffResets = 0;

  add(...orders: Order[]): Order[] {
    for (const o of orders) this.pending.set(o.id, o);
    return orders;
  }
  accept(id: string): void {
    this.pending.delete(id);
  }
  fail(kind: AppError['kind'], extra: Partial<AppError> = {}, times = 1): void {
    for (let i = 0; i < times; i += 1) this.script.push({ error: appError(kind, `Scripted ${kind}`, extra) });
  }

  async listPending(signal?: AbortSignal): Promise<Result<PendingList>> {
    this.callTimes.push(Date.now());
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const step = this.script.shift();
      if (step && 'hang' in step) {
        await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
        return { ok: false, error: appError('timeout', 'aborted') };
      }
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      if (step && 'error' in step) return { ok: false, error: step.error };
      const omitted = new Set(step && 'omit' in step ? step.omit : []);
      const orders = [...this.pending.values(), ...(step && 'orders' in step ? step.orders : [])].filter((o) => !omitted.has(o.id));
      this.onAnswer?.();
      const value = { orders, skipped: [], serverTime: this.serverTime?.() ?? null, truncated: this.truncated, paged: this.paged };
      return { ok: true, value };
    } finally {
      this.inFlight -= 1;
    }
  }

  budget(): RateBudget | null {
    return this.currentBudget;
  }

  resetAuthBackoff(): void {
    this.authBackoffResets += 1;
  }
}

/** An in-memory AnnouncedStore that also records when it was saved, relative to announcements. */
export class MemoryStore implements AnnouncedStore {
  entries = new Map<string, AnnouncedEntry>();
  saves = 0;
  failSaves = 0;
  constructor(private readonly events: string[] = []) {}
  async load() {
    return { entries: new Map(this.entries), warning: null };
  }
  async save(entries: ReadonlyMap<string, AnnouncedEntry>): Promise<void> {
    if (this.failSaves > 0) {
      this.failSaves -= 1;
      throw new Error('disk full');
    }
    this.saves += 1;
    this.entries = new Map([...entries].map(([id, e]) => [id, { ...e }]));
    this.events.push('save');
  }
}

export class RecordingAnnouncer implements Announcer {
  readonly all: Announcement[] = [];
  constructor(private readonly events: string[] = []) {}
  announce(a: Announcement): void {
    this.all.push(a);
    this.events.push(a.type);
  }
  ofType<T extends Announcement['type']>(type: T): Extract<Announcement, { type: T }>[] {
    return this.all.filter((a): a is Extract<Announcement, { type: T }> => a.type === type);
  }
  /** Every order id announced as new, one entry per time it was announced. */
  announcedIds(): string[] {
    return this.all.flatMap((a) => (a.type === 'new-order' ? [a.order.id] : a.type === 'summary' ? a.orders.map((o) => o.id) : []));
  }
  clear(): void {
    this.all.length = 0;
  }
}
