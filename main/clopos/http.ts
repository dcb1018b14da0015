/**
 * One HTTP exchange with Clopos: URL and headers for the API generation, a timeout joined with
 * the caller's AbortSignal, a bounded body read, and the rate-limit hold (nothing is sent while a
 * 429's reset has not passed).
 */
import { err, ok, type Result } from '../../common/result';
import {
  cancelledError,
  isRecord,
  offlineError,
  rateLimitedError,
  serverError,
  timeoutError,
  type HttpReply,
  type ReplySource,
} from './errors';
import type { RateGate } from './rate-limit';
import type { ApiVersion, ClientDeps } from './types';

/** Replies larger than this are not read to the end (a page of 100 full orders is ~300 kB). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Below the API base, e.g. "/orders" or "/orders/123". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
  /** The venue the call is for: v1 always sends it (`x-venue` is required), v2 to override the token's venue. */
  venueId?: string;
  source: ReplySource;
}

export interface TransportOptions {
  api: ApiVersion;
  /** The API base including `/v2` for v2. */
  apiBase: string;
  brand: string;
  timeoutMs: number;
  gate: RateGate;
  fetch: ClientDeps['fetch'];
  now: ClientDeps['now'];
  log: NonNullable<ClientDeps['log']>;
}

export type Transport = (request: HttpRequest, signal?: AbortSignal) => Promise<Result<HttpReply>>;

/**
 * A reply's body as text, read at most `maxBytes` deep: null when it is larger (the rest is not
 * read). Shared by every HTTP client of the app (Clopos, Telegram).
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readBounded(response: Response): Promise<{ text: string; tooLarge: boolean }> {
  const text = await readBoundedText(response, MAX_BODY_BYTES);
  return text === null ? { text: '', tooLarge: true } : { text, tooLarge: false };
}

function parseBody(text: string, contentType: string, tooLarge: boolean): Pick<HttpReply, 'json' | 'bodyProblem'> {
  if (tooLarge) return { json: undefined, bodyProblem: `reply larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` };
  if (text.trim() === '') return { json: undefined, bodyProblem: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const isJson = /json/i.test(contentType);
    return { json: undefined, bodyProblem: isJson ? 'malformed JSON' : `not JSON (${contentType || 'no content type'})` };
  }
  // A JSON body under another content type is still read (for error messages) but not trusted as data.
  return { json, bodyProblem: /json/i.test(contentType) ? null : `wrong content type (${contentType || 'none'})` };
}

export function createTransport(options: TransportOptions): Transport {
  const { api, apiBase, brand, timeoutMs, gate, now, log } = options;
  const host = safeHost(apiBase);

  return async function send(request, signal) {
    const hold = gate.waitMs();
    if (hold > 0) {
      log('debug', `${request.method} ${request.path} not sent: rate limit hold for ${Math.ceil(hold / 1000)} s`);
      return err(rateLimitedError(hold));
    }
    if (signal?.aborted) return err(cancelledError());

    const url = new URL(apiBase + request.path);
    for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);

    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.token !== undefined) headers['x-token'] = request.token;
    if (request.source === 'api') {
      if (api === 'v1') {
        headers['x-brand'] = brand;
        if (request.venueId !== undefined) headers['x-venue'] = request.venueId;
      } else if (request.venueId !== undefined) {
        headers['x-venue'] = request.venueId;
      }
    }

    // Joined by hand rather than AbortSignal.any: the caller's signal may live as long as the app,
    // and a listener removed in `finally` leaves nothing attached to it.
    const abort = new AbortController();
    let timedOut = false;
    const handle = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    const onCallerAbort = () => abort.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const started = now();
    if (request.source === 'api') gate.sending();
    try {
      const response = await options.fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: abort.signal,
        // A redirect would carry x-token to wherever it points; treat it as a wrong address instead.
        redirect: 'manual',
      });
      const { text, tooLarge } = await readBounded(response);
      const contentType = response.headers.get('content-type') ?? '';
      const reply: HttpReply = { status: response.status, headers: response.headers, ...parseBody(text, contentType, tooLarge) };
      log('debug', `${request.method} ${request.path} → HTTP ${reply.status} in ${now() - started} ms`);
      if (request.source === 'api') gate.observe(response.headers);
      // A body that says rate_limited is a rate limit whatever the status (a 200 with success:false too).
      if (reply.status === 429 || saysRateLimited(reply.json)) {
        const wait = gate.limited(response.headers);
        log('warn', `Clopos rate limit reached; holding all requests for ${Math.ceil(wait / 1000)} s`);
        return err(rateLimitedError(wait));
      }
      gate.succeeded();
      return ok(reply);
    } catch (error) {
      if (timedOut) {
        log('warn', `${request.method} ${request.path} timed out after ${timeoutMs} ms`);
        return err(timeoutError(timeoutMs));
      }
      if (signal?.aborted) return err(cancelledError());
      log('warn', `${request.method} ${request.path} failed: cannot reach ${host} (${networkCause(error)})`);
      return err(offlineError(host));
    } finally {
      clearTimeout(handle);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  };
}

const RATE_LIMIT_CODES = new Set(['rate_limited', 'too_many_requests', 'throttled']);

function saysRateLimited(json: unknown): boolean {
  if (!isRecord(json) || json.success !== false) return false;
  const code = serverError(json).code;
  return code !== null && RATE_LIMIT_CODES.has(code.toLowerCase());
}

function safeHost(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}

/** The system error code behind a failed fetch (ECONNREFUSED, ENOTFOUND…): safe to log, useful to IT. */
function networkCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown error';
}
