import type { Announcement, RateBudget } from '../../../common/engine';
import type { Order } from '../../../common/order';
import { appError, type AppError, type Result } from '../../../common/result';
import type { OrderLookup, OrderSource, PendingList, VenueListing } from '../../../main/clopos/types';
import type { EngineSnapshot } from '../../../common/engine';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS, systemClock, withTuning } from '../../../main/watch';
import type { AnnouncedEntry, AnnouncedStore, Announcer, EngineOptions, EngineTuning } from '../../../main/watch/types';

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
  /** Venues the source lists (orders carry their venueId); each may fail or be cut short on its own. */
  venues: string[] = ['1'];
  /** Per venue: fails with this error (its orders are not listed). */
  readonly venueErrors = new Map<string, AppError>();
  /** Per venue: items whose id cannot be read. */
  readonly unreadable = new Map<string, number>();
  /** Orders that left pending, as a lookup finds them (status other than pending); absent = not found. */
  readonly departed = new Map<string, Order>();
  /** How often orders were looked up, and which. */
  readonly lookups: string[][] = [];
  /** Answer lookups (false: the source has no lookup). */
  lookupEnabled = true;
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
      const failing = (venueId: string) => this.venueErrors.has(venueId);
      const orders = [...this.pending.values(), ...(step && 'orders' in step ? step.orders : [])].filter(
        (o) => !omitted.has(o.id) && !failing(o.venueId),
      );
      this.onAnswer?.();
      const venues: VenueListing[] = this.venues.map((venueId) => ({
        venueId,
        error: this.venueErrors.get(venueId) ?? null,
        incomplete: this.truncated ? 'the page bound was reached' : null,
        paged: this.paged,
        unreadable: this.unreadable.get(venueId) ?? 0,
      }));
      if (venues.every((v) => v.error)) return { ok: false, error: venues[0]!.error! };
      const value: PendingList = { orders, venues, skipped: [], serverTime: this.serverTime?.() ?? null };
      return { ok: true, value };
    } finally {
      this.inFlight -= 1;
    }
  }

  budget(): RateBudget | null {
    return this.currentBudget;
  }

  get lookupOrders(): OrderSource['lookupOrders'] {
    if (!this.lookupEnabled) return undefined;
    return async (orders) => {
      this.lookups.push(orders.map((o) => o.id));
      const answers = new Map<string, OrderLookup>();
      for (const { id } of orders) {
        const pending = this.pending.get(id);
        const gone = this.departed.get(id);
        answers.set(id, pending ? { found: pending } : gone ? { found: gone } : { missing: true });
      }
      return answers;
    };
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

/**
 * The real engine on the (fake-timer) system clock with a scripted source, an in-memory record and
 * a recording announcer; `events` interleaves announcement types and saves in the order they came.
 */
/** Engine options for a test: the defaults without jitter, with timings given flat. */
export const testOptions = (tuning: Partial<EngineTuning> & Partial<Omit<EngineOptions, 'alerts'>> = {}): EngineOptions =>
  withTuning({ ...DEFAULT_ENGINE_OPTIONS, jitter: 0 }, tuning);

export function engineHarness(options: Partial<EngineTuning> & Partial<Omit<EngineOptions, 'alerts'>> = {}, store = new MemoryStore(), source = new FakeSource()) {
  const events: string[] = [];
  const announcer = new RecordingAnnouncer(events);
  const states: EngineSnapshot[] = [];
  const engine = createWatchEngine({
    source,
    clock: systemClock,
    store,
    announcer,
    onState: (s) => states.push(s),
    options: testOptions(options),
  });
  return { source, announcer, engine, store, states, events };
}
