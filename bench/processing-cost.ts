/**
 * 3. Processing cost: what one poll's response costs the client and the tracker, against the
 * cheapest thing any client must do with it, a bare JSON.parse of the same bytes. The bytes are
 * the simulator's own rendering of each documented list shape.
 */
import { performance } from 'node:perf_hooks';
import { ok } from '../common/result';
import type { HttpReply } from '../main/clopos/errors';
import { createPendingLister } from '../main/clopos/pending-orders';
import type { Session } from '../main/clopos/session';
import { createTimestampParser } from '../main/clopos/timestamps';
import type { ApiVersion } from '../main/clopos/types';
import { OrderTracker } from '../main/watch/order-tracker';
import { createRandom, generateOrder } from '../sim/generator';
import { OrderBook } from '../sim/order-book';
import { listItem, type RenderSettings } from '../sim/response-shapes';
import { zoneLess } from '../sim/timestamps';
import type { ListVariant } from '../sim/types';
import { fixed, type BenchReport } from './report';
import { median } from './stats';

const SIZES = [50, 200, 1000] as const;
const VARIANTS: ListVariant[] = ['v1-page', 'v1-schema', 'v2-full'];
const NOW = Date.UTC(2025, 7, 18, 13, 44, 10);
const SETTINGS: RenderSettings = { timestampFormat: 'documented', timeZone: 'UTC', moneyFormat: 'number', v1StatusVocabulary: 'lower' };

/** A list response as sim/server.ts renders it, with `size` pending orders created over the last hour. */
export function responseBytes(variant: ListVariant, size: number): string {
  const random = createRandom(size * 7 + variant.length);
  const book = new OrderBook(() => NOW, '1');
  for (let i = 0; i < size; i += 1) {
    book.add({ ...generateOrder(random), createdAt: NOW - Math.round(random() * 3_600_000) }, variant === 'v2-full' ? 'numeric' : 'ord');
  }
  const data = book
    .all()
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((o) => listItem(o, variant, SETTINGS));
  if (variant === 'v2-full') {
    return JSON.stringify({
      success: true,
      data,
      total: size,
      time: 3,
      timestamp: zoneLess(NOW, 'UTC'),
      unix: Math.floor(NOW / 1000),
      sorts: [{ field: 'created_at', direction: -1 }],
    });
  }
  return JSON.stringify({ success: true, data, pagination: { page: 1, per_page: size, total: size, total_pages: 1 } });
}

/** The client's listing and the tracker's diff, fed one already-received body. */
function pipeline(variant: ListVariant, size: number) {
  const api: ApiVersion = variant === 'v2-full' ? 'v2' : 'v1';
  let body: unknown = null;
  const reply = (): HttpReply => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), json: body, bodyProblem: null });
  const session: Session = {
    send: async () => ok(reply()),
    json: async () => ok(body),
  };
  const lister = createPendingLister({
    api,
    venues: ['1'],
    pageLimit: size,
    maxPages: 1,
    session,
    parseTime: createTimestampParser(undefined),
    currencyDecimals: 2,
    log: () => undefined,
  });
  const tracker = new OrderTracker();
  return {
    async list(json: unknown) {
      body = json;
      const listed = await lister.fetch();
      if (!listed.ok) throw new Error(`The client refused the ${variant} response: ${listed.error.message}`);
      if (listed.value.orders.length !== size) throw new Error(`Expected ${size} orders, the client listed ${listed.value.orders.length}`);
      return listed.value.orders;
    },
    diff: (orders: Parameters<OrderTracker['apply']>[0]) => tracker.apply(orders, NOW),
  };
}

/** ms per call, over `calls` calls. */
async function timePerCall(run: () => unknown, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await run();
  return (performance.now() - started) / calls;
}

/** Runs `run` for about `ms` of real time; returns how many calls that took. */
async function callsIn(run: () => unknown, ms: number): Promise<number> {
  const end = performance.now() + ms;
  let calls = 0;
  while (performance.now() < end) {
    await run();
    calls += 1;
  }
  return Math.max(3, calls);
}

interface Measured {
  variant: ListVariant;
  size: number;
  bytes: number;
  parseMs: number;
  totalMs: number;
  /** Median of the per-round total ÷ parse. */
  ratio: number;
  listMs: number;
  diffMs: number;
}

async function measure(variant: ListVariant, size: number, rounds: number, batchMs: number): Promise<Measured> {
  const text = responseBytes(variant, size);
  const steps = pipeline(variant, size);
  const full = async () => steps.diff(await steps.list(JSON.parse(text)));
  const parsed = JSON.parse(text) as unknown;
  const orders = await steps.list(parsed);
  steps.diff(orders);
  const timed = {
    parse: () => JSON.parse(text),
    total: full,
    list: () => steps.list(parsed),
    diff: () => steps.diff(orders),
  };
  // Warm every path up (JIT) and size each batch to about batchMs from the warm speed.
  const calls = {
    parse: await callsIn(timed.parse, batchMs),
    total: await callsIn(timed.total, batchMs),
    list: await callsIn(timed.list, batchMs),
    diff: await callsIn(timed.diff, batchMs),
  };
  const samples = { parse: [] as number[], total: [] as number[], list: [] as number[], diff: [] as number[], ratio: [] as number[] };
  for (let r = 0; r < rounds; r += 1) {
    const parseMs = await timePerCall(timed.parse, calls.parse);
    const totalMs = await timePerCall(timed.total, calls.total);
    samples.parse.push(parseMs);
    samples.total.push(totalMs);
    samples.ratio.push(totalMs / parseMs);
    samples.list.push(await timePerCall(timed.list, calls.list));
    samples.diff.push(await timePerCall(timed.diff, calls.diff));
  }
  return {
    variant,
    size,
    bytes: Buffer.byteLength(text),
    parseMs: median(samples.parse),
    totalMs: median(samples.total),
    ratio: median(samples.ratio),
    listMs: median(samples.list),
    diffMs: median(samples.diff),
  };
}

export async function processingCost(options: { quick: boolean }): Promise<BenchReport> {
  const rounds = options.quick ? 5 : 11;
  const batchMs = options.quick ? 40 : 100;
  const results: Measured[] = [];
  for (const variant of VARIANTS) for (const size of SIZES) results.push(await measure(variant, size, rounds, batchMs));

  const perOrderUs = (m: Measured) => (m.totalMs * 1000) / m.size;
  const worstRatio = Math.max(...results.map((m) => m.ratio));
  const growth = VARIANTS.map((variant) => {
    const small = results.find((m) => m.variant === variant && m.size === SIZES[0])!;
    const large = results.find((m) => m.variant === variant && m.size === SIZES[SIZES.length - 1])!;
    return { variant, factor: perOrderUs(large) / perOrderUs(small) };
  });

  return {
    title: '3. Processing cost: parse + validate + normalise + diff vs a bare JSON.parse',
    figures: [
      { figure: 'worst ratio (any shape, any size)', value: fixed(worstRatio, 2), target: '≤ 3', met: worstRatio <= 3 },
      ...growth.map((g) => ({
        figure: `${g.variant}: µs per order at ${SIZES[SIZES.length - 1]} ÷ at ${SIZES[0]}`,
        value: fixed(g.factor, 2),
        target: '< 1.5 (linear 1, n·log n 1.8, n² 20)',
        met: g.factor < 1.5,
      })),
    ],
    tables: [
      {
        caption: 'Per response (median of interleaved rounds). "client" = validate + normalise inside the Clopos client\'s listing; "diff" = the order tracker on a steady poll.',
        header: ['shape', 'orders', 'bytes', 'JSON.parse ms', 'total ms', 'ratio', 'µs / order', 'client ms', 'diff ms'],
        rows: results.map((m) => [
          m.variant,
          String(m.size),
          String(m.bytes),
          fixed(m.parseMs, 3),
          fixed(m.totalMs, 3),
          fixed(m.ratio, 2),
          fixed(perOrderUs(m), 1),
          fixed(m.listMs, 3),
          fixed(m.diffMs, 3),
        ]),
      },
    ],
    notes: [
      'Bytes: the simulator\'s renderers (sim/response-shapes.ts) and its list envelopes, for generated orders (1–4 lines, some with modifiers, customers, comments), documented timestamp forms, UTC.',
      'Total = JSON.parse of the bytes + the client\'s pending listing (envelope schema, per-order zod schema, timestamp parsing, normalisation, de-duplication; the HTTP layer replaced by a stub session) + OrderTracker.apply against the previous identical listing (the usual poll: every order still pending). The ratio divides it by a bare JSON.parse of the same bytes in the same round.',
      `Each figure is the median of ${rounds} rounds; in each round the four timings run one after another, each repeated to fill about ${batchMs} ms, after a warm-up of the same length. The ratio is the median of the per-round ratios.`,
    ],
  };
}
