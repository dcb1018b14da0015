/**
 * A Clopos-compatible HTTP server on loopback, serving v1 at `/open-api` and v2 at `/open-api/v2`
 * at the same time, with scripted orders and injectable faults (docs/clopos-api.md describes every
 * behaviour it imitates). Used by the tests, the demo mode, the benchmarks and `npm run sim`.
 *
 * This file runs the server and composes the parts, each in its own module: sign-in and
 * authorisation (auth.ts), the order endpoints (routing.ts), the rate budgets (rate-window.ts),
 * injected faults (faults.ts), the orders and receipts (order-book.ts) and the reply shapes
 * (response-shapes.ts). It is an implementation of Clopos of its own: nothing here comes from the
 * app's client.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createAuth } from './auth';
import { createFaults } from './faults';
import { header, HttpError, readBody, type Reply, type RequestContext } from './http';
import { copyOrder, OrderBook, orderKey } from './order-book';
import { createRateLimits } from './rate-window';
import { errorBody, type RenderSettings } from './response-shapes';
import { createRouter } from './routing';
import { assertTimeZone } from './timestamps';
import type { ErrorShape, FaultRule, ListVariant, SimApi, SimOptions, SimRequestRecord, Simulator } from './types';

/** The tenant the simulator plays by default: the example tenant of every Clopos doc page. No secret here. */
export const SIM_IDENTITY = {
  brand: 'openapitest',
  venues: ['1'],
  clientId: 'demo-client',
  integratorId: 'demo-integrator',
} as const;

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
  let online = true;
  let closed = false;
  let ignorePage = false;
  const rawListItems: { item: unknown; venueId: string }[] = [];
  let records: SimRequestRecord[] = [];
  const book = new OrderBook(now, venues[0]!);
  const auth = createAuth({ now, brand, venues, clientId, clientSecret, integratorId, tokenLifetimeSeconds, v1AuthReply });
  const rates = createRateLimits(now, options.rateLimitPerMinute);
  const faults = createFaults({ now, errorShape: () => errorShape, revokeToken: (token) => auth.revoke(token) });
  const route = createRouter({
    now,
    book,
    auth,
    rates,
    settings,
    timeZone,
    variant: () => variant,
    ignorePage: () => ignorePage,
    rawListItems: () => rawListItems,
  });
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

  function send(res: ServerResponse, ctx: RequestContext, reply: Reply): void {
    const kind = reply.rateHeaders ?? ctx.api;
    const headers: Record<string, string> = kind === 'none' ? {} : rates.headers(kind, reply.rateOverride);
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
    ctx.token = auth.tokenFor(ctx);

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
      const latency = faults.take(path, venueOf(), (f) => f.type === 'latency');
      if (latency?.type === 'latency') await delay(latency.ms);
      if (closed || !online) return drop();
      const authenticatedCall = path !== '/auth' && ctx.token !== null;
      const fault = faults.take(path, venueOf(), (f) => f.type !== 'latency' && (f.type !== 'token-expired' || authenticatedCall));
      let reply: Reply | 'drop';
      if (!inside) reply = { status: 404, body: errorBody(errorShape, 404, 'not_found', `No route for ${url.pathname}`) };
      else if (fault && fault.type !== 'latency') reply = faults.reply(fault, ctx);
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
    addFault: (rule: FaultRule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    expireTokens: () => auth.expireAll(),
    setCredentialsValid: (valid) => auth.setCredentialsValid(valid),
    setOnline(next) {
      online = next;
      if (!online) destroyAll();
    },
    setReportedRemaining: (remaining) => rates.setReportedRemaining(remaining),
    setReportedReset: (resetAt) => rates.setReportedReset(resetAt),
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
