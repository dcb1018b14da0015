/**
 * API response fuzzer: 10,000 hostile replies to the real Clopos client, built by mutating every
 * documented response shape the simulator serves (v1 page, v1 schema, v2 full lists; order with
 * receipt; receipt; sign-in) — swapped types, missing fields, nulls, huge strings and arrays, deep
 * nesting, invalid UTF-8, non-JSON, hostile headers, stalled connections. They arrive as real
 * `Response` objects through the client's injected fetch, so the whole client runs (transport,
 * body bound, JSON parse, zod, normalisation) without a socket per case.
 *
 * Every call must resolve (never throw, never hang) to a Result; an ok value must match the
 * normalised model; an error must be one of the documented kinds with a short message; and when
 * only one order of a list is damaged the others must still arrive, and so must the damaged one
 * while its id can be read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_KINDS, type Result } from '../../common/result';
import { orderSchema, receiptSchema } from '../../common/order';
import { createCloposClient } from '../../main/clopos';
import { readableId } from '../../main/clopos/schemas';
import type { CloposClient } from '../../main/clopos/types';
import { createRandom } from '../../sim/generator';
import { DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { ListVariant } from '../../sim/types';
import { MUTATIONS, mutate, serialise, type Json, type Random } from './json-mutator';

const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const CASE_TIMEOUT_MS = 5_000;
/** The client's own per-request timeout in the fuzz: short, so stalled replies cost little. */
const FUZZ_TIMEOUT_MS = 50;
const NOW = Date.parse('2026-03-02T12:00:00Z');

type Endpoint = 'auth' | 'list' | 'order' | 'receipt';
interface Captured {
  status: number;
  headers: [string, string][];
  text: string;
}
interface Variant {
  variant: ListVariant;
  api: 'v1' | 'v2';
  replies: Record<Endpoint, Captured>;
  orderId: string;
  receiptId: string;
  listIds: string[];
}

const variants: Variant[] = [];

function endpointOf(url: string): Endpoint {
  const path = new URL(url).pathname.replace(/^\/open-api(\/v2)?/, '');
  if (path === '/auth') return 'auth';
  if (path === '/orders') return 'list';
  if (path.startsWith('/orders/')) return 'order';
  return 'receipt';
}

const clientFor = (api: 'v1' | 'v2', baseUrl: string, fetchImpl: typeof fetch, timeoutMs: number, log?: (l: string, m: string) => void): CloposClient =>
  createCloposClient(
    {
      api,
      baseUrl,
      brand: DEMO_CREDENTIALS.brand,
      venues: [...DEMO_CREDENTIALS.venues],
      clientId: DEMO_CREDENTIALS.clientId,
      integratorId: DEMO_CREDENTIALS.integratorId,
      timeoutMs,
      maxPages: 4,
      timeZone: 'UTC',
    },
    { fetch: fetchImpl, now: () => NOW, credentials: async () => ({ clientSecret: DEMO_CREDENTIALS.clientSecret }), ...(log ? { log } : {}) },
  );

/** The real replies of the simulator to each call the client makes, per documented list shape. */
beforeAll(async () => {
  const sim = await startSimulator({ now: () => NOW });
  try {
    for (const variant of ['v1-page', 'v1-schema', 'v2-full'] as const) {
      sim.setVariant(variant);
      const api = variant === 'v2-full' ? 'v2' : 'v1';
      const accepted = sim.addOrder({ createdAt: NOW - 60_000 });
      sim.accept(accepted.id);
      const pending = [sim.addOrder({ createdAt: NOW - 30_000 }), sim.addOrder({ createdAt: NOW - 20_000 }), sim.addOrder({ createdAt: NOW - 10_000 })];
      const replies: Partial<Record<Endpoint, Captured>> = {};
      const recording: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        const text = await response.clone().text();
        replies[endpointOf(String(input))] = { status: response.status, headers: [...response.headers], text };
        return response;
      };
      const client = clientFor(api, sim.url, recording, 5_000);
      const listed = await client.listPending();
      const order = await client.getOrder(String(accepted.id));
      const receiptId = order.ok ? order.value.receipt?.id : undefined;
      if (!listed.ok || !order.ok || !receiptId) throw new Error(`The simulator did not answer the ${variant} baseline`);
      const receipt = await client.getReceipt(receiptId);
      if (!receipt.ok) throw new Error(`No baseline receipt for ${variant}`);
      variants.push({
        variant,
        api,
        replies: replies as Record<Endpoint, Captured>,
        orderId: String(accepted.id),
        receiptId,
        listIds: pending.map((o) => String(o.id)),
      });
      for (const o of pending) sim.ignore(o.id);
    }
  } finally {
    await sim.close();
  }
});

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const NON_JSON = [
  '',
  ' ',
  'null',
  '"just a string"',
  '123',
  '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>',
  '{"success":true,"data":[',
  '{"success":true,"data":[]}garbage',
  '\ufeff{"success":true,"data":[]}',
  '{"success":true}\n{"success":true}',
  'NaN',
  '{success: true, data: []}',
];
const STATUSES = [200, 201, 204, 301, 302, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];
const HOSTILE_HEADERS: [string, string][] = [
  ['X-RateLimit-Reset', 'abc'],
  ['X-RateLimit-Reset', '-1'],
  ['X-RateLimit-Reset', '1e400'],
  ['X-RateLimit-Remaining', '-5'],
  ['X-RateLimit-Limit', '0'],
  ['RateLimit-Reset', '99999999999'],
  ['RateLimit-Remaining', 'many'],
  ['RateLimit-Limit', '-300'],
  ['Retry-After', 'never'],
  ['Content-Length', '5'],
  ['Location', 'https://evil.example/steal'],
];

interface Case {
  index: number;
  variant: Variant;
  target: Endpoint | 'check';
  /** The endpoint whose reply is hostile (check() signs in and lists). */
  endpoint: Endpoint;
  kind: 'mutated' | 'one-bad-item' | 'non-json' | 'invalid-utf8' | 'hang' | 'stall' | 'network-error';
  mutations: string[];
  status: number;
  headers: [string, string][];
  body: Uint8Array | null;
  /** Orders of the list left intact (one-bad-item): they must arrive. */
  intactIds: string[];
  /** The damaged order's id when it can still be read (one-bad-item): it must arrive too. */
  damagedId: string | null;
}

function makeCase(index: number, random: Random): Case {
  const variant = pick(random, variants);
  const roll = random();
  const target: Case['target'] = roll < 0.55 ? 'list' : roll < 0.67 ? 'order' : roll < 0.79 ? 'receipt' : roll < 0.92 ? 'auth' : 'check';
  const endpoint: Endpoint = target === 'check' ? pick(random, ['auth', 'list'] as const) : target;
  const base = variant.replies[endpoint];
  const c: Case = {
    index,
    variant,
    target,
    endpoint,
    kind: 'mutated',
    mutations: [],
    status: base.status,
    headers: base.headers.filter(([k]) => k.toLowerCase() !== 'content-length'),
    body: null,
    intactIds: [],
    damagedId: null,
  };
  const kindRoll = random();
  if (endpoint === 'list' && kindRoll < 0.2) {
    c.kind = 'one-bad-item';
    const body = JSON.parse(base.text) as { data: { id: string | number }[] };
    const victim = Math.floor(random() * body.data.length);
    c.intactIds = body.data.filter((_, i) => i !== victim).map((item) => String(item.id));
    const mutation = pick(random, MUTATIONS);
    body.data[victim] = mutate(random, body.data[victim] as unknown as Json, mutation) as unknown as { id: string };
    c.mutations.push(`item ${victim + 1}: ${mutation}`);
    const text = serialise(body as Json);
    c.body = Buffer.from(text);
    c.damagedId = readableId(sentItem(text, victim));
    return c;
  }
  if (kindRoll < 0.3) {
    c.kind = 'non-json';
    const text = pick(random, NON_JSON);
    c.mutations.push(`body ${JSON.stringify(text.slice(0, 30))}`);
    c.body = Buffer.from(text);
  } else if (kindRoll < 0.35) {
    c.kind = 'invalid-utf8';
    const text = base.text;
    const at = Math.floor(random() * text.length);
    c.body = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([pick(random, [0xc3, 0xff, 0xfe, 0xed, 0x80])]), Buffer.from(text.slice(at))]);
    c.mutations.push(`invalid byte at ${at}`);
  } else if (kindRoll < 0.355) {
    c.kind = pick(random, ['hang', 'stall'] as const);
  } else if (kindRoll < 0.38) {
    c.kind = 'network-error';
  } else {
    let body = JSON.parse(base.text) as Json;
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) {
      const mutation = pick(random, MUTATIONS);
      body = mutate(random, body, mutation);
      // Round-trip so values a huge array repeats are copies: a later mutation hits one, not all.
      if (mutation === 'huge-array') body = JSON.parse(JSON.stringify(body) ?? 'null') as Json;
      c.mutations.push(mutation);
    }
    c.body = Buffer.from(serialise(body));
  }
  if (random() < 0.12) c.status = pick(random, STATUSES);
  if (random() < 0.05) c.headers = c.headers.map(([k, v]) => (k.toLowerCase() === 'content-type' ? [k, pick(random, ['text/html', 'text/plain', 'application/octet-stream'])] : [k, v]));
  if (random() < 0.15) c.headers.push(pick(random, HOSTILE_HEADERS));
  return c;
}

/** Item `index` of the list as the client will read it from the text, undefined when the text is no list. */
function sentItem(text: string, index: number): unknown {
  try {
    return (JSON.parse(text) as { data?: unknown[] }).data?.[index];
  } catch {
    return undefined;
  }
}

const aborted = () => new DOMException('This operation was aborted', 'AbortError');

/** A fetch that answers the case's endpoint with the hostile reply and everything else normally. */
function fuzzFetch(c: Case): typeof fetch {
  return async (input, init) => {
    const endpoint = endpointOf(String(input));
    const signal = init?.signal ?? undefined;
    if (endpoint !== c.endpoint) {
      const base = c.variant.replies[endpoint];
      return new Response(base.text, { status: base.status, headers: base.headers.filter(([k]) => k.toLowerCase() !== 'content-length') });
    }
    if (c.kind === 'network-error') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    if (c.kind === 'hang') {
      return new Promise<Response>((_, reject) => {
        if (signal?.aborted) reject(aborted());
        signal?.addEventListener('abort', () => reject(aborted()), { once: true });
      });
    }
    if (c.kind === 'stall') {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"success":true,"data":['));
          signal?.addEventListener('abort', () => controller.error(aborted()), { once: true });
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const nullBody = c.status === 204 || c.status === 304;
    return new Response(nullBody ? null : c.body, { status: c.status, headers: c.headers });
  };
}

function describeCase(c: Case): string {
  return `case ${c.index} (${c.variant.variant}, ${c.target}, ${c.kind}${c.mutations.length ? `: ${c.mutations.join(', ')}` : ''}, HTTP ${c.status})`;
}

/** Checks one Result from the client; returns what is wrong with it, or null. */
function judge(result: Result<unknown>, check: (value: unknown) => string | null): string | null {
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') return `not a Result: ${String(result)}`;
  if (result.ok) return check(result.value);
  const { error } = result;
  if (!(API_ERROR_KINDS as readonly string[]).includes(error.kind)) return `error kind "${error.kind}" is not an API error kind`;
  if (typeof error.message !== 'string' || error.message.trim() === '') return 'error without a message';
  if (error.message.length > 1_000) return `error message of ${error.message.length} characters (echoes the reply?)`;
  return null;
}

async function runCase(c: Case): Promise<string | null> {
  const logs: string[] = [];
  const client = clientFor(c.variant.api, 'https://fuzz.invalid/open-api', fuzzFetch(c), FUZZ_TIMEOUT_MS, (_l, m) => logs.push(m));
  const call = (async (): Promise<string | null> => {
    switch (c.target) {
      case 'list':
      case 'auth': {
        const result = await client.listPending();
        const problem = judge(result, (value) => {
          const list = value as { orders: unknown[]; skipped: unknown[] };
          for (const order of list.orders) {
            const parsed = orderSchema.safeParse(order);
            if (!parsed.success) return `an order outside the model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
          }
          if (!list.skipped.every((s) => typeof s === 'string' && s.length < 2_000)) return 'a skipped report that is not a short string';
          return null;
        });
        if (problem) return problem;
        if (c.kind === 'one-bad-item') {
          if (!result.ok) return `one damaged order failed the whole list: ${result.error.kind}: ${result.error.message}`;
          const ids = new Set(result.value.orders.map((o) => o.id));
          const lost = c.intactIds.filter((id) => !ids.has(id));
          if (lost.length) return `intact orders ${lost.join(', ')} did not arrive`;
          if (c.damagedId !== null && !ids.has(c.damagedId)) return `the damaged order ${c.damagedId} did not arrive although its id can be read`;
        }
        return null;
      }
      case 'order':
        return judge(await client.getOrder(c.variant.orderId), (value) => {
          const detail = value as { order: unknown; receipt: unknown };
          return orderSchema.safeParse(detail.order).success ? null : 'an order detail outside the model';
        });
      case 'receipt':
        return judge(await client.getReceipt(c.variant.receiptId), (value) => {
          const parsed = receiptSchema.safeParse(value);
          return parsed.success ? null : `a receipt outside the model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
        });
      case 'check': {
        const diagnosis = await client.check();
        return typeof diagnosis.ok === 'boolean' && Array.isArray(diagnosis.steps) ? null : 'check() did not return a diagnosis';
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not settle within ${CASE_TIMEOUT_MS} ms`), CASE_TIMEOUT_MS);
  });
  let problem: string | null;
  try {
    problem = await Promise.race([call, hung]);
  } catch (thrown) {
    problem = `threw past the client's boundary: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`;
  }
  clearTimeout(timer);
  if (logs.some((l) => l.includes(DEMO_CREDENTIALS.clientSecret))) return 'the client secret reached the log';
  return problem;
}

describe(`API response fuzzer (seed ${SEED})`, () => {
  it(`survives ${CASES} hostile replies: always a Result, never a throw or a hang, intact orders still arrive`, async () => {
    expect(variants.map((v) => v.variant)).toEqual(['v1-page', 'v1-schema', 'v2-full']);
    const random = createRandom(SEED);
    const failures: string[] = [];
    const tally = new Map<string, number>();
    let okLists = 0;
    const slow: string[] = [];
    let makeMs = 0;
    const kinds = new Map<string, number>();
    for (let index = 0; index < CASES; index += 1) {
      const made = Date.now();
      const c = makeCase(index, random);
      makeMs += Date.now() - made;
      tally.set(c.kind, (tally.get(c.kind) ?? 0) + 1);
      const started = Date.now();
      const problem = await runCase(c);
      const took = Date.now() - started;
      if (took > 300) slow.push(`${describeCase(c)}: ${took} ms`);
      if (problem) {
        failures.push(`${describeCase(c)}: ${problem}`);
        const kind = problem.split('\n')[0]!.replace(/\d+/g, 'N').slice(0, 110);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      if (c.kind === 'one-bad-item' && !problem) okLists += 1;
    }
    console.log(`API fuzz seed ${SEED}: ${CASES} cases ${JSON.stringify(Object.fromEntries(tally))}; building ${makeMs} ms; ${failures.length} failures${[...kinds].map(([k, n]) => `\n  ${n} × ${k}`).join('')}${slow.length ? `\nslowest: ${slow.slice(0, 10).join(' | ')}` : ''}`);
    expect(failures.slice(0, 15), `${failures.length} of ${CASES} cases failed (rerun with FUZZ_SEED=${SEED})`).toEqual([]);
    expect(okLists).toBeGreaterThan(CASES * 0.05);
  }, 180_000);
});
