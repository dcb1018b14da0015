/**
 * The child process of benchmark 4 (run with `node --expose-gc`): days of polling on simulated
 * time with a restaurant's order flow — the watch engine and the real Clopos client, whose fetch
 * is answered in-process from a book of pending orders (only pending ones are kept, so the source
 * itself does not grow). At the end of each simulated day it forces a GC and records the heap.
 * Prints one line: `MEMORY_SOAK {json}`.
 *
 * Run: node --expose-gc --import tsx bench/memory-soak.ts [days]
 */
import type { Announcement } from '../common/engine';
import { createCloposClient } from '../main/clopos';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS } from '../main/watch';
import { createRandom, generateOrder } from '../sim/generator';
import { fullOrder, type RenderSettings } from '../sim/response-shapes';
import type { SimOrder } from '../sim/types';
import { MemoryAnnouncedStore } from './memory-store';
import { settleWhile, VirtualClock } from './virtual-clock';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6, 0, 0, 0);
/** Orders per hour of the day: closed at night, lunch and dinner peaks; about 355 a day. */
const ORDERS_PER_HOUR = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 15, 40, 45, 25, 12, 10, 15, 40, 50, 45, 30, 15, 5];
const PEAK_PER_HOUR = Math.max(...ORDERS_PER_HOUR);
const SETTINGS: RenderSettings = { timestampFormat: 'documented', timeZone: 'UTC', moneyFormat: 'number', v1StatusVocabulary: 'lower' };

export interface DayMeasure {
  day: number;
  heapUsedBytes: number;
  ordersSoFar: number;
  recordEntries: number;
  history: number;
  pending: number;
  polls: number;
  /** Announcements so far, by type. */
  announcements: Record<string, number>;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function soak(days: number): Promise<DayMeasure[]> {
  if (!gc) throw new Error('Run with node --expose-gc');
  const clock = new VirtualClock(START);
  const random = createRandom(7);
  const pending = new Map<string, SimOrder>();
  let nextId = 100_001;
  let tokens = 0;
  let polls = 0;
  let created = 0;

  const json = (body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

  const inProcessFetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const now = clock.now();
    if (url.pathname.endsWith('/auth')) {
      tokens += 1;
      return json({ success: true, token: `soak-token-${tokens}`, token_type: 'Bearer', expires_in: 3600, expires_at: Math.floor(now / 1000) + 3600 });
    }
    polls += 1;
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const page = Number(url.searchParams.get('page') ?? 1);
    const all = [...pending.values()].sort((a, b) => b.createdAt - a.createdAt);
    const data = all.slice((page - 1) * limit, page * limit).map((o) => fullOrder(o, SETTINGS));
    const resetIn = Math.ceil((60_000 - (now % 60_000)) / 1000);
    return json(
      { success: true, data, total: all.length, time: 1, timestamp: new Date(now).toISOString().slice(0, 19).replace('T', ' '), unix: Math.floor(now / 1000), sorts: [] },
      { 'RateLimit-Limit': '300', 'RateLimit-Remaining': '290', 'RateLimit-Reset': String(resetIn) },
    );
  };

  const client = createCloposClient(
    { api: 'v2', baseUrl: 'http://clopos.invalid/open-api', brand: 'soak', venues: ['1'], clientId: 'soak', integratorId: 'soak' },
    { fetch: inProcessFetch as typeof fetch, now: clock.now, credentials: async () => ({ clientSecret: 'soak-secret' }) },
  );

  let polling = false;
  const store = new MemoryAnnouncedStore();
  const announcements = new Map<string, number>();
  const engine = createWatchEngine({
    source: client,
    clock,
    store,
    announcer: {
      announce(a: Announcement) {
        announcements.set(a.type, (announcements.get(a.type) ?? 0) + 1);
        const orders = a.type === 'new-order' ? [a.order] : a.type === 'summary' ? a.orders : [];
        // Most clerks acknowledge within half a minute; some never do (the order is accepted on the POS instead).
        for (const o of orders) if (random() < 0.8) clock.setTimeout(() => engine.acknowledge(o.id), 5_000 + random() * 25_000);
      },
    },
    // The app pushes every snapshot to the window; building them is part of the footprint.
    onState: (snapshot) => {
      polling = snapshot.polling;
    },
    options: { ...DEFAULT_ENGINE_OPTIONS },
  });

  // Arrivals by thinning: candidate gaps at the peak rate, kept with the hour's share of it.
  function scheduleArrival(): void {
    const gap = -Math.log(1 - random()) * (3_600_000 / PEAK_PER_HOUR);
    clock.setTimeout(() => {
      const hour = new Date(clock.now()).getUTCHours();
      if (random() < (ORDERS_PER_HOUR[hour] ?? 0) / PEAK_PER_HOUR) {
        const input = generateOrder(random);
        const id = nextId++;
        const now = clock.now();
        pending.set(String(id), {
          id,
          venueId: '1',
          status: 'PENDING',
          createdAt: now,
          updatedAt: now,
          customer: input.customer ?? null,
          products: input.products ?? [],
          comment: input.comment ?? '',
          deliveryFee: input.deliveryFee ?? 0,
          number: `A-${id}`,
          type: input.type ?? 'CALL_CENTER_ORDER',
          integration: input.integration ?? 'call_center_new',
          deliveryType: input.deliveryType ?? 'pickup',
          paymentStatus: input.paymentStatus ?? 'pending',
          receiptId: null,
        });
        created += 1;
        // Accepted or refused on the POS after 20–90 s; one in twenty waits 3–8 minutes.
        const slow = random() < 0.05;
        const after = slow ? 180_000 + random() * 300_000 : 20_000 + random() * 70_000;
        clock.setTimeout(() => pending.delete(String(id)), after);
      }
      scheduleArrival();
    }, gap);
  }

  const settle = () => settleWhile(() => polling);
  const measures: DayMeasure[] = [];
  scheduleArrival();
  await engine.start();
  for (let day = 1; day <= days; day += 1) {
    await clock.runUntil(START + day * DAY, settle);
    for (let i = 0; i < 4; i += 1) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const snapshot = engine.snapshot();
    measures.push({
      day,
      heapUsedBytes: process.memoryUsage().heapUsed,
      ordersSoFar: created,
      recordEntries: store.size(),
      history: snapshot.history.length,
      pending: snapshot.pending.length,
      polls,
      announcements: Object.fromEntries(announcements),
    });
  }
  await engine.stop();
  return measures;
}

const days = Number(process.argv[2] ?? 7);
soak(days).then(
  (measures) => process.stdout.write(`MEMORY_SOAK ${JSON.stringify(measures)}\n`),
  (cause: unknown) => {
    process.stderr.write(`${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
    process.exitCode = 1;
  },
);
