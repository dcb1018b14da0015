/**
 * The loopback transport of the browser preview: Electron's IPC stood in by HTTP on 127.0.0.1.
 *
 * - `GET /` serves the built renderer, with the preview bridge (browser-bridge.ts) loaded before
 *   the app and the page's CSP allowing connections to this origin only.
 * - `POST /ipc/<channel>` carries one invoke: it goes through the app's real IPC wrapper
 *   (main/desktop/ipc.ts: sender check, zod validation, redaction, Result replies).
 * - `GET /events` streams main → renderer events (server-sent events).
 * - `GET /preview/desktop`, `POST /preview/notification-click` (`{id, button?: 'open' | 'acknowledge'}`)
 *   and `POST /preview/shortcut` stand in for the OS: what the tray, notifications and alarm show,
 *   a click or a button on a notification, a press of the global shortcut.
 *
 * Every request but the static files needs the per-run token (a random 256-bit value printed in the
 * address); without it the IPC wrapper's sender check refuses the call. Requests must name this
 * server as their Host (no DNS rebinding) and, when a browser sends an Origin, this origin.
 * Development only: never part of the packaged app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { invokeChannels, type EventPayloads, type InvokeHandlers } from '../common/contract';
import { createSenderCheck, registerInvokeHandlers, type DeepRedactor, type InvokeEvent } from '../main/desktop/ipc';
import type { PreviewDesktop } from './desktop';

export const TOKEN_HEADER = 'x-notifier-preview-token';
/** The largest request body accepted (a settings patch is a few kB). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Pages listening to events at once (tabs of this preview). */
export const MAX_EVENT_CLIENTS = 8;
const HEARTBEAT_MS = 15_000;
/** How long one request may take to arrive. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface PreviewServerOptions {
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** The built browser bridge script. */
  bridgeFile: string;
  handlers: InvokeHandlers;
  desktop: PreviewDesktop;
  redactor: DeepRedactor;
  log(level: 'warn' | 'error', message: string): void;
  /** Default 0: any free port. */
  port?: number;
  /** Default: 32 random bytes. */
  token?: string;
}

export interface PreviewServer {
  /** The address to open: the page, with the token in the fragment (never sent in a request line). */
  url: string;
  origin: string;
  token: string;
  /** Streams a main → renderer event to every open page. */
  send<E extends keyof EventPayloads>(channel: E, payload: EventPayloads[E]): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.json': 'application/json',
};

/** The one "window" of the preview: a request carrying the token is sent by it. */
const PAGE = { webContents: { preview: 'page' } };

function sameSecret(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** The renderer's page with the bridge loaded first and connections allowed to this origin only. */
export function previewPage(indexHtml: string): string {
  return indexHtml
    .replace("connect-src 'none'", "connect-src 'self'")
    .replace('<title>', '<script src="/preview-bridge.js"></script>\n    <title>');
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`No built renderer at ${rendererDir}; run the preview build first.`);
  const page = previewPage(readFileSync(indexFile, 'utf8'));
  const bridge = readFileSync(options.bridgeFile, 'utf8');

  let origin = '';
  const invokers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const unregister = registerInvokeHandlers(
    { handle: (channel, listener) => void invokers.set(channel, listener), removeHandler: (channel) => void invokers.delete(channel) },
    options.handlers,
    createSenderCheck({ windows: () => [PAGE], isAppUrl: (url) => url === `${origin}/` }),
    { log: options.log, redactor: options.redactor },
  );
  const eventClients = new Set<ServerResponse>();

  /** Which page sent this: the app's page only with the token, from this origin (or a non-browser client naming none). */
  function senderOf(req: IncomingMessage, given: string | undefined): InvokeEvent {
    const claimed = req.headers.origin;
    const url = claimed === undefined ? `${origin}/` : `${claimed}/`;
    return { sender: sameSecret(given, token) ? PAGE.webContents : null, senderFrame: { url, parent: null } };
  }

  async function handleInvoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const invoke = invokers.get(channel);
    if (!invoke || !(channel in invokeChannels)) return json(res, 404, { ok: false, error: { kind: 'invalid-request', message: `No channel ${channel}.` } });
    const body = await readBody(req);
    let args: unknown[] | null = null;
    try {
      const parsed: unknown = body === null ? null : JSON.parse(body || '{"args":[]}');
      if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { args?: unknown }).args)) args = (parsed as { args: unknown[] }).args;
    } catch {
      args = null;
    }
    if (args === null) return json(res, 400, { ok: false, error: { kind: 'invalid-request', message: 'The request body must be JSON {"args": [...]} of at most 64 kB.' } });
    const event = senderOf(req, header(req, TOKEN_HEADER));
    const reply = await invoke(event, ...args);
    json(res, event.sender === null ? 403 : 200, reply);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const event = senderOf(req, url.searchParams.get('token') ?? undefined);
    if (event.sender === null || (req.headers.origin !== undefined && req.headers.origin !== origin)) {
      options.log('warn', 'Refused an event stream without the preview token.');
      return json(res, 403, { ok: false, error: { kind: 'forbidden', message: 'The preview token is missing or wrong.' } });
    }
    if (eventClients.size >= MAX_EVENT_CLIENTS) return json(res, 429, { ok: false, error: { kind: 'rate-limited', message: 'Too many pages are open.' } });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventClients.add(res);
    req.on('close', () => eventClients.delete(res));
  }

  function handleStatic(res: ServerResponse, pathname: string): void {
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-store' });
      return void res.end(page);
    }
    if (pathname === '/preview-bridge.js') {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.js']!, 'cache-control': 'no-store' });
      return void res.end(bridge);
    }
    const file = path.resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(rendererDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found');
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  async function handlePreview(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!sameSecret(header(req, TOKEN_HEADER), token)) return json(res, 403, { ok: false, error: { kind: 'forbidden', message: 'The preview token is missing or wrong.' } });
    if (pathname === '/preview/desktop' && req.method === 'GET') return json(res, 200, options.redactor.redactDeep(options.desktop.state()));
    if (pathname === '/preview/notification-click' && req.method === 'POST') {
      const body = await readBody(req);
      let id: unknown = null;
      let button: unknown = 'open';
      try {
        ({ id, button = 'open' } = JSON.parse(body ?? '') as { id?: unknown; button?: unknown });
      } catch {
        id = null;
      }
      const clicked = typeof id === 'number' && (button === 'open' || button === 'acknowledge') && options.desktop.clickNotification(id, button);
      return json(res, clicked ? 200 : 404, { ok: clicked });
    }
    if (pathname === '/preview/shortcut' && req.method === 'POST') {
      const pressed = options.desktop.pressShortcut();
      return json(res, pressed ? 200 : 404, { ok: pressed });
    }
    json(res, 404, { ok: false });
  }

  const server = createServer((req, res) => {
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
    const expectedHost = origin.slice('http://'.length);
    if (req.headers.host !== expectedHost) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('This preview answers only at its own address.');
    }
    const url = new URL(req.url ?? '/', origin);
    const route = async (): Promise<void> => {
      if (url.pathname.startsWith('/ipc/') && req.method === 'POST') return handleInvoke(req, res, decodeURIComponent(url.pathname.slice('/ipc/'.length)));
      if (url.pathname === '/events' && req.method === 'GET') return handleEvents(req, res, url);
      if (url.pathname.startsWith('/preview/')) return handlePreview(req, res, url.pathname);
      if (req.method === 'GET') return handleStatic(res, url.pathname);
      json(res, 405, { ok: false });
    };
    route().catch((cause: unknown) => {
      options.log('error', `Preview request ${url.pathname} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      if (!res.headersSent) json(res, 500, { ok: false, error: { kind: 'internal', message: 'The preview failed; see the terminal.' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const heartbeat = setInterval(() => {
    for (const client of eventClients) client.write(': still here\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    send(channel, payload) {
      const data = JSON.stringify(options.redactor.redactDeep(payload));
      for (const client of eventClients) client.write(`event: ${channel}\ndata: ${data}\n\n`);
    },
    async close() {
      clearInterval(heartbeat);
      unregister();
      for (const client of eventClients) client.end();
      eventClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
