/**
 * A randomized Clopos answering the real client's `fetch` from memory, for the property test.
 * Everything it does comes from the scenario fast-check generated (no Math.random): orders with
 * undocumented values in any field, venues failing and coming back, pages that repeat, rate-limit
 * headers with low budgets and far resets, 429s, 5xx, replies that are slow or cut off, tokens
 * that expire. It is deliberately small and independent of sim/ (the simulator), so the engine is
 * also held to a Clopos nobody wrote the client against.
 */
import type { ModelClock } from './model-clock';

export type Weirdness = 'none' | 'null-created' | 'odd-created' | 'text-total' | 'odd-status' | 'no-id' | 'object-id';

export interface ModelOrder {
  id: string;
  venueId: string;
  status: 'PENDING' | 'RECEIVED' | 'IGNORE';
  /** True time. */
  createdAt: number;
  weird: Weirdness;
}

/** A fault active over [from, until) of true time. */
export type ModelFault =
  | { type: 'venue-down'; venueId: string; status: 403 | 500 | 503; from: number; until: number }
  | { type: 'offline'; from: number; until: number }
  | { type: 'ignore-page'; from: number; until: number }
  | { type: 'slow'; ms: number; from: number; until: number }
  | { type: 'cut-body'; from: number; until: number }
  | { type: 'rate-429'; resetSeconds: number; from: number; until: number }
  | { type: 'rate-low'; resetSeconds: number; from: number; until: number }
  | { type: 'success-false-rate'; from: number; until: number }
  | { type: 'bad-json'; from: number; until: number };

export interface ModelOptions {
  api: 'v1' | 'v2';
  venues: string[];
  clock: ModelClock;
  /** Milliseconds of latency for the n-th request (from the scenario). */
  latency: (n: number) => number;
  faults: () => readonly ModelFault[];
  tokenLifetimeSeconds: number;
}

export const MODEL_SECRET = 'model-secret-3f9a';
export const MODEL_BRAND = 'modelbrand';
export const MODEL_BASE_URL = 'https://clopos.model.test/open-api';

const pad = (n: number) => String(n).padStart(2, '0');

function zoneLess(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export interface ModelClopos {
  fetch: typeof fetch;
  orders: Map<string, ModelOrder>;
  /** Every order id the server ever listed as pending (for "no phantom announcements"). */
  everListedPending: Set<string>;
  /** Invalidates every token (as if they expired). */
  expireTokens(): void;
  requests: number;
}

export function createCloposModel(options: ModelOptions): ModelClopos {
  const { clock, api } = options;
  const orders = new Map<string, ModelOrder>();
  const everListedPending = new Set<string>();
  const tokens = new Map<string, { venueId: string; expiresAt: number }>();
  let issued = 0;
  let requests = 0;
  let minuteStart = 0;
  let usedThisMinute = 0;

  const active = (type: ModelFault['type'], venueId?: string) =>
    options.faults().filter((f) => f.type === type && f.from <= clock.now() && clock.now() < f.until && (venueId === undefined || !('venueId' in f) || f.venueId === venueId));

  function rateHeaders(): Record<string, string> {
    const now = clock.now();
    if (now - minuteStart >= 60_000) {
      minuteStart = now;
      usedThisMinute = 0;
    }
    const low = active('rate-low')[0];
    const limit = api === 'v1' ? 100 : 300;
    const remaining = low && low.type === 'rate-low' ? 0 : Math.max(0, limit - usedThisMinute);
    const resetAt = low && low.type === 'rate-low' ? low.from + low.resetSeconds * 1000 : minuteStart + 60_000;
    const date = new Date(now).toUTCString();
    return api === 'v1'
      ? { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)), date }
      : { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(Math.max(0, Math.ceil((resetAt - now) / 1000))), date };
  }

  function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...rateHeaders(), ...extra } });
  }

  function wireOrder(o: ModelOrder): Record<string, unknown> {
    const created = o.weird === 'null-created' ? null : o.weird === 'odd-created' ? '18.08.2025 13:44' : api === 'v1' ? zoneLess(o.createdAt) : new Date(o.createdAt).toISOString();
    const status = o.weird === 'odd-status' ? ` ${o.status.toLowerCase()} ` : api === 'v1' ? o.status.toLowerCase() : o.status;
    const id = o.weird === 'no-id' ? undefined : o.weird === 'object-id' ? { value: o.id } : api === 'v1' ? o.id : Number(o.id);
    const base: Record<string, unknown> = { status, created_at: created, updated_at: created };
    if (id !== undefined) base.id = id;
    if (api === 'v1') return { ...base, number: `A-${o.id}`, total: o.weird === 'text-total' ? 'forty' : 12.5, payment_status: 'pending', delivery_type: 'pickup' };
    return {
      ...base,
      venue_id: Number(o.venueId),
      type: 'CALL_CENTER_ORDER',
      payload: {
        customer: { name: 'Model', phone: '+994', address: 'Baku' },
        products: [{ product_id: 1, count: o.weird === 'text-total' ? 'two' : 1, product_modificators: [], meta: { price: 12.5, order_product: { product: { id: 1, name: 'Plov', price: 12.5 } } } }],
        meta: { comment: null },
      },
    };
  }

  function list(url: URL, venueId: string): Response {
    const wanted = url.searchParams.get('status') ?? '';
    if (wanted.toLowerCase() !== 'pending') return json(400, { success: false, error: 'invalid_parameter', message: 'status must be pending' });
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const page = active('ignore-page').length > 0 ? 1 : Number(url.searchParams.get('page') ?? 1);
    // Newest first, as the documented sort: a new order shifts every later page by one.
    const pending = [...orders.values()].filter((o) => o.venueId === venueId && o.status === 'PENDING').sort((a, b) => b.createdAt - a.createdAt);
    const slice = pending.slice((page - 1) * limit, page * limit);
    for (const o of slice) everListedPending.add(o.id);
    const data = slice.map(wireOrder);
    const total = pending.length;
    if (api === 'v1') return json(200, { success: true, data, pagination: { page, per_page: limit, total, total_pages: Math.max(1, Math.ceil(total / limit)) } });
    return json(200, { success: true, data, total, timestamp: zoneLess(clock.now()), unix: Math.floor(clock.now() / 1000) });
  }

  function getOrder(id: string, venueId: string): Response {
    const found = orders.get(id);
    if (found && found.venueId !== venueId) return json(404, { success: false, error: 'resource_not_found', message: 'Order not found' });
    if (!found) return json(404, { success: false, error: 'resource_not_found', message: 'Order not found' });
    return json(200, { success: true, data: { ...wireOrder({ ...found, weird: found.weird === 'no-id' || found.weird === 'object-id' ? 'none' : found.weird }), receipt: null } });
  }

  function auth(body: Record<string, unknown>): Response {
    if (body.client_secret !== MODEL_SECRET || body.brand !== MODEL_BRAND) return json(401, { success: false, error: 'authentication_failed', message: 'Invalid client credentials' });
    const venueId = api === 'v1' ? String(body.venue_id) : options.venues[0]!;
    if (!options.venues.includes(venueId)) return json(401, { success: false, error: 'authentication_failed', message: 'Unknown venue' });
    issued += 1;
    const token = api === 'v1' ? `oauth_model${issued}` : `eyJmodel.${issued}.sig`;
    tokens.set(token, { venueId, expiresAt: clock.now() + options.tokenLifetimeSeconds * 1000 });
    return json(200, { success: true, token, expires_in: options.tokenLifetimeSeconds });
  }

  function answer(url: URL, init: RequestInit): Response | 'drop' | 'cut' {
    if (active('offline').length > 0) return 'drop';
    const path = url.pathname.replace(/^\/open-api(\/v2)?/, '');
    const headers = new Headers(init.headers);
    if (path === '/auth') return auth(JSON.parse(String(init.body ?? '{}')) as Record<string, unknown>);
    usedThisMinute += 1;
    const token = tokens.get(headers.get('x-token') ?? '');
    const venueId = headers.get('x-venue') ?? token?.venueId ?? options.venues[0]!;
    if (!token || token.expiresAt <= clock.now() || (api === 'v1' && token.venueId !== venueId)) {
      return json(401, { success: false, error: 'unauthorized', message: 'Invalid or expired token' });
    }
    const down = active('venue-down', venueId)[0];
    if (down && down.type === 'venue-down') return json(down.status, { success: false, error: 'forbidden', message: `Venue ${venueId} unavailable` });
    const limited = active('rate-429')[0];
    if (limited && limited.type === 'rate-429') {
      return new Response(JSON.stringify({ success: false, error: 'rate_limited', message: 'Too many requests.' }), {
        status: 429,
        headers: { 'content-type': 'application/json', ...(api === 'v1' ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil((limited.from + limited.resetSeconds * 1000) / 1000)), date: new Date(clock.now()).toUTCString() } : { 'ratelimit-remaining': '0', 'ratelimit-reset': String(limited.resetSeconds) }) },
      });
    }
    if (active('success-false-rate').length > 0) return json(200, { success: false, error: 'rate_limited', message: 'Too many requests.' });
    if (active('bad-json').length > 0) return new Response('{"success":true,"data":[{"id":', { status: 200, headers: { 'content-type': 'application/json' } });
    if (active('cut-body').length > 0) return 'cut';
    const [, resource, id] = path.split('/');
    if (resource === 'orders' && id === undefined) return list(url, venueId);
    if (resource === 'orders' && id !== undefined) return getOrder(decodeURIComponent(id), venueId);
    return json(404, { success: false, error: 'not_found', message: 'No route' });
  }

  const modelFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    requests += 1;
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const slow = active('slow')[0];
    const delay = options.latency(requests) + (slow && slow.type === 'slow' ? slow.ms : 0);
    if (delay > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = clock.after(delay, resolve);
        init.signal?.addEventListener('abort', () => {
          clock.cancel(timer);
          reject(new DOMException('aborted', 'AbortError'));
        }, { once: true });
      });
    }
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const reply = answer(url, init);
    if (reply === 'drop') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    if (reply === 'cut') {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"success":true,"data":[{"id":1,'));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    return reply;
  }) as typeof fetch;

  return {
    fetch: modelFetch,
    orders,
    everListedPending,
    expireTokens: () => tokens.clear(),
    get requests() {
      return requests;
    },
  };
}
