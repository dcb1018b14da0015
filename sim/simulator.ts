/**
 * A Clopos-compatible HTTP server on loopback, serving v1 at `/open-api` and v2 at `/open-api/v2`
 * at the same time, with scripted orders and injectable faults (docs/clopos-api.md describes every
 * behaviour it imitates). Used by the tests, the demo mode, the benchmarks and `npm run sim`.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { copyOrder, OrderBook, orderKey } from './order-book';
import { RateWindow } from './rate-window';
import {
  errorBody,
  fullOrder,
  listItem,
  LOWER_TO_UPPER,
  receiptBody,
  UPPER_STATUSES,
  V1_LOWER_STATUSES,
  type RenderSettings,
} from './response-shapes';
import { assertTimeZone, localDate, zoneLess } from './timestamps';
import type {
  ErrorShape,
  FaultRule,
  ListVariant,
  SimApi,
  SimFault,
  SimOptions,
  SimOrder,
  SimRequestRecord,
  SimStatus,
  Simulator,
} from './types';

/** The tenant the simulator plays by default: the example tenant of every Clopos doc page. No secret here. */
export const SIM_IDENTITY = {
  brand: 'openapitest',
  venues: ['1'],
  clientId: 'demo-client',
  integratorId: 'demo-integrator',
} as const;

const V1_DEFAULT_PER_MINUTE = 100;
const V1_PER_HOUR = 1000;
const V2_DEFAULT_PER_MINUTE = 300;
const MAX_BODY_BYTES = 64 * 1024;
const V2_MAX_LIMIT = 500;

interface TokenInfo {
  api: SimApi;
  brand: string;
  venueId: string;
  expiresAt: number;
}

/** Faults that replace the reply (latency only delays it). */
type ReplyFault = Exclude<SimFault, { type: 'latency' }>;

interface ActiveFault {
  fault: SimFault;
  remaining: number;
  path: string | undefined;
  venue: string | undefined;
}

interface Reply {
  status: number;
  body: unknown;
  /** Raw text instead of JSON (malformed JSON, HTML). */
  raw?: { text: string; contentType: string };
  /** Which rate-limit headers to send; default those of the request's API generation. */
  rateHeaders?: 'v1' | 'v2' | 'none';
  /** Overrides the derived rate state (a scripted 429). */
  rateOverride?: { remaining: number; resetAt: number };
}

/** Thrown inside a handler to answer with an error body in the current shape. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface RequestContext {
  api: SimApi;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  token: TokenInfo | null;
  tokenValue: string | null;
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'payload_too_large', 'Request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'validation_failed', 'The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'validation_failed', 'The request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function requireFields(body: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  const missing = fields.filter((f) => {
    const v = body[f];
    return !((typeof v === 'string' && v !== '') || typeof v === 'number');
  });
  if (missing.length > 0) {
    throw new HttpError(400, 'validation_failed', `Missing required fields: ${missing.join(', ')}`, {
      fields: Object.fromEntries(missing.map((f) => [f, ['The field is required.']])),
    });
  }
  return Object.fromEntries(fields.map((f) => [f, String(body[f])]));
}

function positiveInt(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new HttpError(400, 'invalid_parameter', `${name} must be an integer between 1 and ${max}`, {
      [name]: raw,
    });
  }
  return value;
}

/** `with[0]=receipt:id,status` → relation names with optional field lists. */
function relations(query: URLSearchParams): Map<string, string[] | null> {
  const result = new Map<string, string[] | null>();
  for (const [key, value] of query) {
    if (key !== 'with' && !/^with\[\d*\]$/.test(key)) continue;
    for (const item of value.split(';')) {
      const [name, fields] = item.split(':', 2);
      if (!name) continue;
      result.set(name.trim(), fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : null);
    }
  }
  return result;
}

function pick(body: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  if (fields === null) return body;
  return Object.fromEntries(fields.filter((f) => f in body).map((f) => [f, body[f]]));
}

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

/**
 * Starts a simulator that accepts exactly `clientSecret`. The app's demo mode calls this with a
 * secret made up at run time, so no fixed secret is bundled into the app; tests and `npm run sim`
 * use `startSimulator` (sim/server.ts) with the well-known demo secret.
 */
export async function createSimulator(options: SimOptions & { clientSecret: string }): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const brand = options.brand ?? SIM_IDENTITY.brand;
  const venues = options.venues && options.venues.length > 0 ? [...options.venues] : [...SIM_IDENTITY.venues];
  const clientId = options.clientId ?? SIM_IDENTITY.clientId;
  const clientSecret = options.clientSecret;
  const integratorId = options.integratorId ?? SIM_IDENTITY.integratorId;
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const timeZone = options.timeZone ?? 'UTC';
  const v1AuthReply = options.v1AuthReply ?? 'full';
  assertTimeZone(timeZone);

  let variant: ListVariant = options.variant ?? 'v2-full';
  let errorShape: ErrorShape = options.errorShape ?? 'flag';
  const settings: RenderSettings = {
    timestampFormat: options.timestampFormat ?? 'documented',
    timeZone,
    moneyFormat: options.moneyFormat ?? 'number',
    v1StatusVocabulary: options.v1StatusVocabulary ?? 'lower',
  };
  let credentialsValid = true;
  let online = true;
  let closed = false;
  let reportedRemaining: number | null = null;
  let reportedReset: number | null = null;
  let ignorePage = false;
  const rawListItems: { item: unknown; venueId: string }[] = [];
  let faults: ActiveFault[] = [];
  let records: SimRequestRecord[] = [];
  const tokens = new Map<string, TokenInfo>();
  const book = new OrderBook(now, venues[0]!);
  const enforce = options.rateLimitPerMinute !== undefined;
  const rates: Record<SimApi, RateWindow> = {
    v1: new RateWindow(options.rateLimitPerMinute ?? V1_DEFAULT_PER_MINUTE, V1_PER_HOUR, enforce),
    v2: new RateWindow(options.rateLimitPerMinute ?? V2_DEFAULT_PER_MINUTE, null, enforce),
  };
  const sockets = new Set<Socket>();
  const pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pendingDelays.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pendingDelays.add(entry);
    });
  }

  function takeFault(path: string, venue: string | undefined, accept: (fault: SimFault) => boolean): SimFault | null {
    const active = faults.find(
      (f) => f.remaining > 0 && (!f.path || path.startsWith(f.path)) && (!f.venue || f.venue === venue) && accept(f.fault),
    );
    if (!active) return null;
    active.remaining--;
    faults = faults.filter((f) => f.remaining > 0);
    return active.fault;
  }

  function rateHeaders(kind: 'v1' | 'v2', override?: Reply['rateOverride']): Record<string, string> {
    const state = rates[kind].state(now());
    const remaining = override?.remaining ?? reportedRemaining ?? state.remaining;
    const resetAt = override?.resetAt ?? reportedReset ?? state.resetAt;
    if (kind === 'v1') {
      return {
        'X-RateLimit-Limit': String(state.limit),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
      };
    }
    return {
      'RateLimit-Limit': String(state.limit),
      'RateLimit-Remaining': String(remaining),
      'RateLimit-Reset': String(Math.max(0, Math.ceil((resetAt - now()) / 1000))),
    };
  }

  function issueToken(api: SimApi, venueId: string): { token: string; expiresAt: number } {
    const issuedAt = now();
    const expiresAt = issuedAt + tokenLifetimeSeconds * 1000;
    let token: string;
    if (api === 'v1') {
      token = `oauth_${randomBytes(24).toString('hex')}`;
    } else {
      const claims = {
        iss: 'clopos-simulator',
        sub: integratorId,
        brand,
        venue_id: venueId,
        iat: Math.floor(issuedAt / 1000),
        exp: Math.floor(expiresAt / 1000),
        jti: randomBytes(8).toString('hex'),
      };
      token = [
        base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
        base64url(JSON.stringify(claims)),
        base64url(randomBytes(32)),
      ].join('.');
    }
    tokens.set(token, { api, brand, venueId, expiresAt });
    return { token, expiresAt };
  }

  function handleAuth(ctx: RequestContext): Reply {
    if (ctx.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST for /auth');
    const body = parseJsonBody(ctx.body);
    const fields =
      ctx.api === 'v1'
        ? requireFields(body, ['client_id', 'client_secret', 'brand', 'venue_id'])
        : requireFields(body, ['client_id', 'client_secret', 'brand', 'integrator_id']);
    const matches =
      credentialsValid &&
      fields.client_id === clientId &&
      fields.client_secret === clientSecret &&
      fields.brand === brand &&
      (ctx.api === 'v1' ? venues.includes(fields.venue_id!) : fields.integrator_id === integratorId);
    if (!matches) throw new HttpError(401, 'authentication_failed', 'Invalid client credentials');
    const requestedVenue = typeof body.venue_id === 'string' || typeof body.venue_id === 'number' ? String(body.venue_id) : '';
    const venueId = venues.includes(requestedVenue) ? requestedVenue : venues[0]!;
    const { token, expiresAt } = issueToken(ctx.api, venueId);
    if (ctx.api === 'v1' && v1AuthReply === 'token-only') {
      return { status: 200, body: { token, expires_in: tokenLifetimeSeconds } };
    }
    const reply: Record<string, unknown> = {
      success: true,
      token,
      token_type: 'Bearer',
      expires_in: tokenLifetimeSeconds,
      message: 'Authentication successful',
    };
    if (ctx.api === 'v2') reply.expires_at = Math.floor(expiresAt / 1000);
    return { status: 200, body: reply };
  }

  function tokenFor(ctx: RequestContext): TokenInfo | null {
    if (ctx.tokenValue === null) return null;
    const info = tokens.get(ctx.tokenValue);
    if (!info || info.api !== ctx.api || info.expiresAt <= now()) return null;
    return info;
  }

  /** Checks the headers every non-auth call needs; returns the venue the call acts on. */
  function authorise(ctx: RequestContext): string {
    if (ctx.tokenValue === null) {
      const hint = header(ctx, 'authorization') ? ' (send the token as x-token, not Authorization)' : '';
      throw new HttpError(401, 'unauthorized', `Missing x-token header${hint}`);
    }
    const info = ctx.token;
    if (!info) {
      const known = tokens.get(ctx.tokenValue);
      const expired = known !== undefined && known.expiresAt <= now();
      throw new HttpError(401, 'unauthorized', expired ? 'Token expired' : 'Invalid or expired token');
    }
    const venueHeader = header(ctx, 'x-venue');
    if (ctx.api === 'v1') {
      const brandHeader = header(ctx, 'x-brand');
      if (!brandHeader) throw new HttpError(400, 'validation_failed', 'x-brand header is required');
      if (!venueHeader) throw new HttpError(400, 'validation_failed', 'x-venue header is required');
      if (brandHeader !== info.brand) throw new HttpError(401, 'unauthorized', 'Token does not belong to this brand');
      // v1 signs in for one venue (its /auth takes a venue_id); the token is taken to serve that venue only (inference).
      if (venueHeader !== info.venueId) throw new HttpError(401, 'unauthorized', `Token was issued for venue ${info.venueId}`);
    }
    const venue = venueHeader ?? info.venueId;
    if (!venues.includes(venue)) throw new HttpError(401, 'unauthorized', `Venue ${venue} is not accessible`);
    return venue;
  }

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
    const page = ignorePage ? 1 : positiveInt(ctx.query, 'page', 1, Number.MAX_SAFE_INTEGER);
    const started = Date.now();
    let orders = book.all().filter((o) => o.venueId === venue && (status === null || o.status === status));
    let sorts: unknown[] = [{ field: 'created_at', direction: -1 }];
    if (ctx.api === 'v2') ({ orders, sorts } = v2Refinements(ctx, orders));
    else orders = [...orders].sort((a, b) => b.createdAt - a.createdAt);
    const total = orders.length;
    const rel = relations(ctx.query);
    const raw = rawListItems.filter((r) => r.venueId === venue).map((r) => r.item);
    const data = [
      ...orders.slice((page - 1) * limit, page * limit).map((o) => (variant === 'v2-full' ? withReceipt(o, rel, fullOrder(o, settings)) : listItem(o, variant, settings))),
      ...(page === 1 ? raw : []),
    ];
    if (variant === 'v2-full') {
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

  function route(ctx: RequestContext): Reply {
    if (ctx.path === '/auth') return handleAuth(ctx);
    const venue = authorise(ctx);
    if (!rates[ctx.api].take(now())) {
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
  }

  function faultReply(fault: ReplyFault, ctx: RequestContext): Reply | 'drop' {
    switch (fault.type) {
      case 'status': {
        const codes: Record<number, [string, string]> = {
          403: ['forbidden', 'This integration has no access to this venue'],
          500: ['server_error', 'Internal server error'],
          502: ['bad_gateway', 'Bad gateway'],
          503: ['service_unavailable', 'Service temporarily unavailable'],
          504: ['gateway_timeout', 'The upstream service did not answer within 8 seconds'],
        };
        const [code, message] = codes[fault.status]!;
        return { status: fault.status, body: errorBody(errorShape, fault.status, code, message) };
      }
      case 'rate-limit':
        return {
          status: 429,
          body: errorBody(errorShape, 429, 'rate_limited', 'Too many requests. Retry later.'),
          rateHeaders: fault.headers,
          rateOverride: { remaining: 0, resetAt: now() + fault.resetSeconds * 1000 },
        };
      case 'malformed-json':
        return { status: 200, body: null, raw: { text: '{"success":true,"data":[{"id":', contentType: 'application/json; charset=utf-8' } };
      case 'wrong-content-type':
        return {
          status: 200,
          body: null,
          raw: {
            text: '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We will be back soon</h1></body></html>',
            contentType: 'text/html; charset=utf-8',
          },
        };
      case 'drop-connection':
        return 'drop';
      case 'token-expired':
        if (ctx.tokenValue !== null) tokens.delete(ctx.tokenValue);
        ctx.token = null;
        return { status: 401, body: errorBody(errorShape, 401, 'unauthorized', 'Token expired') };
      case 'success-false':
        return {
          status: 200,
          body:
            fault.error !== undefined
              ? { success: false, error: fault.error, message: 'The request could not be completed' }
              : ctx.path === '/auth'
                ? { success: false, error: 'authentication_failed', message: 'A test integrator cannot access a production brand' }
                : { success: false, error: 'request_failed', message: 'The request could not be completed' },
        };
    }
  }

  function send(res: ServerResponse, ctx: RequestContext, reply: Reply): void {
    const kind = reply.rateHeaders ?? ctx.api;
    const headers: Record<string, string> = kind === 'none' ? {} : rateHeaders(kind, reply.rateOverride);
    let text: string;
    if (reply.raw) {
      headers['Content-Type'] = reply.raw.contentType;
      text = reply.raw.text;
    } else {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      text = JSON.stringify(reply.body);
    }
    headers['Content-Length'] = String(Buffer.byteLength(text));
    // The server's own clock (the simulated one), as a real server's Date header gives it.
    headers.Date = new Date(now()).toUTCString();
    res.writeHead(reply.status, headers);
    res.end(text);
  }

  function record(ctx: RequestContext, status: number): void {
    records.push({
      at: now(),
      method: ctx.method,
      path: ctx.path,
      query: Object.fromEntries(ctx.query),
      status,
      api: ctx.api,
      headerNames: Object.keys(ctx.headers),
      authenticated: ctx.token !== null,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const v2 = url.pathname === '/open-api/v2' || url.pathname.startsWith('/open-api/v2/');
    const api: SimApi = v2 ? 'v2' : 'v1';
    const prefix = v2 ? '/open-api/v2' : '/open-api';
    const inside = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
    const path = inside ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    const rawToken = req.headers['x-token'];
    const tokenValue = (Array.isArray(rawToken) ? rawToken[0] : rawToken) || null;
    const ctx: RequestContext = {
      api,
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body: '',
      token: null,
      tokenValue,
    };
    ctx.token = tokenFor(ctx);

    const drop = (): void => {
      record(ctx, 0);
      req.socket.destroy();
    };
    try {
      ctx.body = await readBody(req);
      const venueOf = (): string | undefined => {
        const named = header(ctx, 'x-venue');
        if (named) return named;
        if (path !== '/auth') return ctx.token?.venueId;
        try {
          const venueId = (JSON.parse(ctx.body) as { venue_id?: unknown }).venue_id;
          return venueId === undefined ? undefined : String(venueId);
        } catch {
          return undefined;
        }
      };
      const latency = takeFault(path, venueOf(), (f) => f.type === 'latency');
      if (latency?.type === 'latency') await delay(latency.ms);
      if (closed || !online) return drop();
      const authenticatedCall = path !== '/auth' && ctx.token !== null;
      const fault = takeFault(path, venueOf(), (f) => f.type !== 'latency' && (f.type !== 'token-expired' || authenticatedCall));
      let reply: Reply | 'drop';
      if (!inside) reply = { status: 404, body: errorBody(errorShape, 404, 'not_found', `No route for ${url.pathname}`) };
      else if (fault && fault.type !== 'latency') reply = faultReply(fault, ctx);
      else reply = route(ctx);
      if (reply === 'drop') return drop();
      record(ctx, reply.status);
      send(res, ctx, reply);
    } catch (error) {
      if (closed) return drop();
      const e =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'server_error', `Simulator error: ${error instanceof Error ? error.message : String(error)}`);
      const reply: Reply = { status: e.status, body: errorBody(errorShape, e.status, e.code, e.message, e.details) };
      record(ctx, e.status);
      send(res, ctx, reply);
    }
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    if (!online || closed) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Simulator did not get a TCP port');
  const port = address.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  function destroyAll(): void {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  }

  return {
    url: `http://${urlHost}:${port}/open-api`,
    port,
    addOrder(input = {}) {
      return copyOrder(book.add(input, variant === 'v2-full' ? 'numeric' : 'ord'));
    },
    setStatus(id, status) {
      book.setStatus(id, status);
    },
    accept(id) {
      const order = book.get(id);
      if (order.status !== 'PENDING') throw new Error(`Order ${orderKey(id)} is ${order.status}, not PENDING`);
      book.setStatus(id, 'RECEIVED');
    },
    ignore(id) {
      book.setStatus(id, 'IGNORE');
    },
    deliver(id) {
      book.setStatus(id, 'DELIVERED');
    },
    orders: () => book.all().map(copyOrder),
    setVariant(next) {
      variant = next;
    },
    setErrorShape(shape) {
      errorShape = shape;
    },
    setV1StatusVocabulary(vocabulary) {
      settings.v1StatusVocabulary = vocabulary;
    },
    setTimestampFormat(format) {
      settings.timestampFormat = format;
    },
    addFault(rule: FaultRule) {
      faults.push({ fault: rule.fault, remaining: rule.times ?? 1, path: rule.path, venue: rule.venue });
    },
    clearFaults() {
      faults = [];
    },
    expireTokens() {
      tokens.clear();
    },
    setCredentialsValid(valid) {
      credentialsValid = valid;
    },
    setOnline(next) {
      online = next;
      if (!online) destroyAll();
    },
    setReportedRemaining(remaining) {
      reportedRemaining = remaining;
    },
    setReportedReset(resetAt) {
      reportedReset = resetAt;
    },
    setIgnorePage(ignore) {
      ignorePage = ignore;
    },
    addRawListItem(item, venueId = venues[0]!) {
      rawListItems.push({ item, venueId });
    },
    clearRawListItems() {
      rawListItems.length = 0;
    },
    requests: () => records.map((r) => ({ ...r, query: { ...r.query }, headerNames: [...r.headerNames] })),
    clearRequests() {
      records = [];
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const entry of pendingDelays) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pendingDelays.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        destroyAll();
        server.closeAllConnections();
      });
    },
  };
}
