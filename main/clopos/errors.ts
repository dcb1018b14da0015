/**
 * Every way talking to Clopos can fail, as an AppError with a sentence a person can act on.
 * Messages never carry a secret or token: server text is passed through `redact` first.
 */
import { appError, err, ok, type AppError, type Result } from '../../common/result';
import { redactServerText } from '../redact';
import { errorBodySchema } from './schemas';

const SETTINGS = 'Settings → Connection';

/** What http.ts hands back for every answered request. */
export interface HttpReply {
  status: number;
  headers: Headers;
  /** The parsed JSON body, undefined when there was none or it could not be parsed. */
  json: unknown;
  /** Why the body is unusable as JSON ("not JSON (text/html)", "malformed JSON"), null when it is fine. */
  bodyProblem: string | null;
}

/** Where a reply came from: a rejected `/auth` means credentials, a rejected API call means the token. */
export type ReplySource = 'auth' | 'api';

const AUTH_CODES = new Set(['unauthorized', 'authentication_failed', 'unauthenticated', 'invalid_token', 'token_expired']);

/** Server text made safe to quote in a message (main/redact.ts: the app's one set of redaction rules). */
export const redact = redactServerText;

export interface ServerError {
  /** Machine code such as `invalid_parameter`, or the exception name of the array shape. */
  code: string | null;
  message: string | null;
  /** `http_code` from the array shape, which can disagree with the HTTP status. */
  httpCode: number | null;
}

/** Reads whichever of the three documented error bodies arrived. */
export function serverError(body: unknown): ServerError {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return { code: null, message: null, httpCode: null };
  const { error, message } = parsed.data;
  if (Array.isArray(error)) {
    const first = error[0];
    return {
      code: first?.exception ?? null,
      message: first?.message ?? message ?? null,
      httpCode: first?.http_code ?? null,
    };
  }
  return { code: error ?? null, message: message ?? null, httpCode: null };
}

function saidClopos(e: ServerError): string {
  const text = e.message ?? e.code;
  return text ? ` Clopos said: "${redact(text)}".` : '';
}

function minutesOrSeconds(ms: number): string {
  return ms >= 90_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

export function offlineError(host: string): AppError {
  return appError(
    'offline',
    `Cannot reach Clopos at ${host}. Check this computer's internet connection and the server address in ${SETTINGS}.`,
  );
}

export function timeoutError(timeoutMs: number): AppError {
  return appError(
    'timeout',
    `Clopos did not answer within ${minutesOrSeconds(timeoutMs)}. The connection may be slow; the app keeps trying.`,
  );
}

/** The caller cancelled (app stopping, poll superseded); reported as a timeout since nothing was learned. */
export function cancelledError(): AppError {
  return appError('timeout', 'The request to Clopos was cancelled before it finished.');
}

export function rateLimitedError(retryAfterMs: number): AppError {
  return appError(
    'rate-limited',
    `Clopos asked the app to slow down (rate limit). The next request waits ${minutesOrSeconds(retryAfterMs)}.`,
    { retryAfterMs, status: 429 },
  );
}

export function configError(missing: string[]): AppError {
  return appError('config', `Clopos is not fully set up: ${missing.join(', ')}. Fill these in under ${SETTINGS}.`);
}

/** The server has no sign-in where the settings point (wrong base URL or API version): not a credentials problem. */
export function noSignInHereError(status: number): AppError {
  return appError(
    'config',
    `There is no Clopos sign-in at the configured address (HTTP ${status}). Check the server address and the API version (v1 or v2) in ${SETTINGS}.`,
    { status },
  );
}

export function badResponseError(what: string, status?: number): AppError {
  return appError(
    'bad-response',
    `Clopos sent a reply the app could not use (${what}). If this keeps happening, check the server address and API version in ${SETTINGS}.`,
    status === undefined ? {} : { status },
  );
}

/** `/auth` refused the credentials; `retryAfterMs` is the back-off before the next attempt. */
export function credentialsRejectedError(detail: string, retryAfterMs: number, status?: number): AppError {
  return appError(
    'auth',
    `Clopos refused the sign-in.${detail} Check the client id, client secret, brand and venue or integrator id in ${SETTINGS}. Next attempt in ${minutesOrSeconds(retryAfterMs)}.`,
    { retryAfterMs, ...(status === undefined ? {} : { status }) },
  );
}

export function tokenRejectedError(detail: string, status?: number): AppError {
  return appError(
    'auth',
    `Clopos rejected the access token even after signing in again.${detail} Check that the integrator is enabled for this brand and venue in ${SETTINGS}.`,
    status === undefined ? {} : { status },
  );
}

export function pastedTokenRejectedError(): AppError {
  return appError(
    'auth',
    `Clopos rejected the pasted token (pasted tokens expire within about an hour). Enter the client secret in ${SETTINGS} so the app can renew access itself.`,
    { status: 401 },
  );
}

function isAuthCode(code: string | null): boolean {
  return code !== null && AUTH_CODES.has(code.toLowerCase());
}

/** True when the reply says the token (or credentials) were not accepted. */
export function isUnauthorized(reply: HttpReply): boolean {
  if (reply.status === 401) return true;
  const e = serverError(reply.json);
  return e.httpCode === 401 || isAuthCode(e.code);
}

/**
 * Classifies an answered request. Success is HTTP 2xx with a JSON body whose `success` flag is
 * not false; anything else becomes an error by HTTP status, falling back to the body's own code.
 * Auth failures are reported by the caller (auth.ts, session.ts), which knows whether a retry or a
 * back-off applies; here they become a plain `auth` error.
 */
export function checkReply(reply: HttpReply, source: ReplySource): Result<unknown> {
  const e = serverError(reply.json);
  const bodyFailed = isRecord(reply.json) && reply.json.success === false;
  const status = reply.status >= 200 && reply.status < 300 && bodyFailed && e.httpCode ? e.httpCode : reply.status;
  const detail = saidClopos(e);

  if (status >= 200 && status < 300) {
    if (reply.bodyProblem) return err(badResponseError(reply.bodyProblem, reply.status));
    if (!bodyFailed) return ok(reply.json);
    if (source === 'auth' || isAuthCode(e.code)) {
      return err(appError('auth', `Clopos refused the sign-in.${detail} Check the integrator id and brand (a test integrator only works with a test brand) in ${SETTINGS}.`, { status: reply.status }));
    }
    return err(badResponseError(`success:false.${detail}`, reply.status));
  }
  if (status === 401 || status === 403 || isAuthCode(e.code)) {
    return err(
      appError('auth', `Clopos refused access (HTTP ${status}).${detail} Check the credentials, brand and venue in ${SETTINGS}.`, { status }),
    );
  }
  if (status === 404) {
    return err(
      appError(
        'not-found',
        `Clopos has no such item for this brand and venue (HTTP 404).${detail} If it should exist, check the venue id in ${SETTINGS}.`,
        { status },
      ),
    );
  }
  if (status === 504) {
    return err(appError('server', `Clopos' gateway timed out (HTTP 504). The app will try again shortly.`, { status }));
  }
  if (status >= 500) {
    return err(appError('server', `Clopos had a server problem (HTTP ${status}).${detail} The app will try again shortly.`, { status }));
  }
  return err(
    appError(
      'bad-response',
      `Clopos refused the request (HTTP ${status}).${detail} Check the brand, venue and API version in ${SETTINGS}.`,
      { status },
    ),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
