/**
 * The order endpoints (docs/clopos-api.md "List orders", "One order, and its receipt"): listing with
 * v1's and v2's query parameters and reply shapes, one order, IGNORE, one receipt. Each request has
 * already passed authorisation; the route table counts it against the rate budget.
 */
import type { OrderBook } from './order-book';
import { orderKey } from './order-book';
import { HttpError, pick, positiveInt, relations, parseJsonBody, type Reply, type RequestContext } from './http';
import { fullOrder, listItem, LOWER_TO_UPPER, receiptBody, UPPER_STATUSES, V1_LOWER_STATUSES, type RenderSettings } from './response-shapes';
import type { SimAuth } from './auth';
import type { SimRateLimits } from './rate-window';
import { localDate, zoneLess } from './timestamps';
import type { ListVariant, SimOrder, SimStatus } from './types';

const V2_MAX_LIMIT = 500;

const SORT_FIELDS: Record<string, (o: SimOrder) => number | string> = {
  created_at: (o) => o.createdAt,
  updated_at: (o) => o.updatedAt,
  id: (o) => (typeof o.id === 'number' ? o.id : orderKey(o.id)),
};

const FILTER_FIELDS: Record<string, (o: SimOrder) => string> = {
  status: (o) => o.status,
  type: (o) => o.type,
  integration: (o) => o.integration,
  venue_id: (o) => o.venueId,
};

export interface RoutingDeps {
  now: () => number;
  book: OrderBook;
  auth: SimAuth;
  rates: SimRateLimits;
  settings: RenderSettings;
  timeZone: string;
  variant: () => ListVariant;
  /** The server ignores `page` and always answers page 1 (a scripted fault). */
  ignorePage: () => boolean;
  /** Items added to page 1 as they are, for replies the client must survive. */
  rawListItems: () => readonly { item: unknown; venueId: string }[];
}

/** Answers one request inside the API's base path. */
export function createRouter(deps: RoutingDeps): (ctx: RequestContext) => Reply {
  const { now, book, settings, timeZone } = deps;

  function statusFilter(ctx: RequestContext): SimStatus | null {
    const raw = ctx.query.get('status');
    if (raw === null || raw === '') return null;
    const allowed: readonly string[] =
      ctx.api === 'v1' && settings.v1StatusVocabulary === 'lower' ? V1_LOWER_STATUSES : UPPER_STATUSES;
    if (!allowed.includes(raw)) {
      throw new HttpError(400, 'invalid_parameter', `status must be one of: ${allowed.join(', ')}`, {
        status: raw,
        allowed,
      });
    }
    return LOWER_TO_UPPER[raw] ?? (raw as SimStatus);
  }

  function v2Refinements(ctx: RequestContext, orders: SimOrder[]): { orders: SimOrder[]; sorts: unknown[] } {
    const q = ctx.query;
    let result = orders;
    const from = q.get('date[0]');
    const to = q.get('date[1]');
    for (const [name, value] of [
      ['date[0]', from],
      ['date[1]', to],
    ] as const) {
      if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw new HttpError(400, 'invalid_parameter', `${name} must be a date like 2025-08-18`, { [name]: value });
      }
    }
    if (from) result = result.filter((o) => localDate(o.createdAt, timeZone) >= from);
    if (to) result = result.filter((o) => localDate(o.createdAt, timeZone) <= to);
    for (let i = 0; q.has(`filters[${i}][0]`); i++) {
      const field = q.get(`filters[${i}][0]`)!;
      const value = q.get(`filters[${i}][1]`) ?? '';
      const read = FILTER_FIELDS[field];
      if (!read) {
        throw new HttpError(400, 'invalid_parameter', `filters[${i}][0] must be one of: ${Object.keys(FILTER_FIELDS).join(', ')}`);
      }
      result = result.filter((o) => read(o) === value);
    }
    const sortField = q.get('sort[0]') ?? 'created_at';
    const read = SORT_FIELDS[sortField];
    if (!read) {
      throw new HttpError(400, 'invalid_parameter', `sort[0] must be one of: ${Object.keys(SORT_FIELDS).join(', ')}`);
    }
    const directionRaw = q.get('sort[1]') ?? '-1';
    if (directionRaw !== '1' && directionRaw !== '-1') {
      throw new HttpError(400, 'invalid_parameter', 'sort[1] must be 1 or -1');
    }
    const direction = Number(directionRaw);
    result = [...result].sort((a, b) => {
      const x = read(a);
      const y = read(b);
      return x < y ? -direction : x > y ? direction : 0;
    });
    return { orders: result, sorts: [{ field: sortField, direction }] };
  }

  function withReceipt(order: SimOrder, rel: Map<string, string[] | null>, body: Record<string, unknown>): Record<string, unknown> {
    if (!rel.has('receipt')) return body;
    const receipt = book.receiptOf(order);
    return {
      ...body,
      receipt: receipt ? pick(receiptBody(receipt, order, false, settings), rel.get('receipt') ?? null) : null,
    };
  }

  function listOrders(ctx: RequestContext, venue: string): Reply {
    const status = statusFilter(ctx);
    const limit = positiveInt(ctx.query, 'limit', ctx.api === 'v1' ? 20 : 50, ctx.api === 'v1' ? 100 : V2_MAX_LIMIT);
    const page = deps.ignorePage() ? 1 : positiveInt(ctx.query, 'page', 1, Number.MAX_SAFE_INTEGER);
    const started = Date.now();
    let orders = book.all().filter((o) => o.venueId === venue && (status === null || o.status === status));
    let sorts: unknown[] = [{ field: 'created_at', direction: -1 }];
    if (ctx.api === 'v2') ({ orders, sorts } = v2Refinements(ctx, orders));
    else orders = [...orders].sort((a, b) => b.createdAt - a.createdAt);
    const total = orders.length;
    const rel = relations(ctx.query);
    const raw = deps.rawListItems().filter((r) => r.venueId === venue).map((r) => r.item);
    const data = [
      ...orders.slice((page - 1) * limit, page * limit).map((o) => (deps.variant() === 'v2-full' ? withReceipt(o, rel, fullOrder(o, settings)) : listItem(o, deps.variant(), settings))),
      ...(page === 1 ? raw : []),
    ];
    if (deps.variant() === 'v2-full') {
      const at = now();
      // `time` (server processing time) and the `sorts` echo are inferences: the docs name these envelope fields without describing them.
      return {
        status: 200,
        body: {
          success: true,
          data,
          total,
          time: Date.now() - started,
          timestamp: zoneLess(at, 'UTC'),
          unix: Math.floor(at / 1000),
          sorts,
        },
      };
    }
    return {
      status: 200,
      body: {
        success: true,
        data,
        pagination: { page, per_page: limit, total, total_pages: Math.max(1, Math.ceil(total / limit)) },
      },
    };
  }

  function orderInVenue(id: string, venue: string): SimOrder {
    const order = book.find(id);
    if (!order || order.venueId !== venue) throw new HttpError(404, 'not_found', `Order ${id} not found`);
    return order;
  }

  function getOrder(ctx: RequestContext, venue: string, id: string): Reply {
    const order = orderInVenue(id, venue);
    return { status: 200, body: { success: true, data: withReceipt(order, relations(ctx.query), fullOrder(order, settings)) } };
  }

  function updateOrder(ctx: RequestContext, venue: string, id: string): Reply {
    const order = orderInVenue(id, venue);
    const body = parseJsonBody(ctx.body);
    if (body.status !== 'IGNORE') {
      throw new HttpError(400, 'validation_failed', 'status must be IGNORE: integrators may only ignore orders', {
        status: ['The selected status is invalid.'],
      });
    }
    book.setStatus(order.id, 'IGNORE');
    return { status: 200, body: { success: true, data: fullOrder(order, settings), message: 'Order updated' } };
  }

  function getReceipt(ctx: RequestContext, venue: string, id: string): Reply {
    const receipt = /^\d+$/.test(id) ? book.receipt(Number(id)) : undefined;
    const order = receipt ? book.find(receipt.orderKey) : undefined;
    if (!receipt || !order || receipt.venueId !== venue) throw new HttpError(404, 'not_found', `Receipt ${id} not found`);
    const withProducts = relations(ctx.query).has('receipt_products');
    return { status: 200, body: { success: true, data: receiptBody(receipt, order, withProducts, settings) } };
  }

  return function route(ctx: RequestContext): Reply {
    if (ctx.path === '/auth') return deps.auth.signIn(ctx);
    const venue = deps.auth.authorise(ctx);
    if (!deps.rates.take(ctx.api)) {
      throw new HttpError(429, 'rate_limited', 'Too many requests. Retry later.');
    }
    const segments = ctx.path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const [resource, id, extra] = segments;
    if (resource === 'orders' && id === undefined && ctx.method === 'GET') return listOrders(ctx, venue);
    if (resource === 'orders' && id !== undefined && extra === undefined) {
      if (ctx.method === 'GET') return getOrder(ctx, venue, id);
      if (ctx.method === 'PUT') return updateOrder(ctx, venue, id);
    }
    if (resource === 'receipts' && id !== undefined && extra === undefined && ctx.method === 'GET') {
      return getReceipt(ctx, venue, id);
    }
    throw new HttpError(404, 'not_found', `No route for ${ctx.method} ${ctx.path}`);
  };
}
