/**
 * Authenticated API calls: attach the token, and on a 401 sign in again once and retry the
 * request once (docs/clopos-api.md: no refresh token; call `/auth` again "once more on a 401").
 */
import { err, ok, type Result } from '../../common/result';
import { checkReply, isUnauthorized, pastedTokenRejectedError, redact, serverError, tokenRejectedError, type HttpReply } from './errors';
import type { HttpRequest, Transport } from './http';
import type { TokenManager } from './auth';
import type { ClientDeps } from './types';

export type ApiRequest = Omit<HttpRequest, 'token' | 'source'>;

export interface Session {
  /** The reply of an authenticated call, whatever its status (auth refusals already handled). */
  send(request: ApiRequest, signal?: AbortSignal): Promise<Result<HttpReply>>;
  /** The JSON body of a successful call, or the error it maps to. */
  json(request: ApiRequest, signal?: AbortSignal): Promise<Result<unknown>>;
}

/** `tokensFor` picks the sign-in a request's venue uses (v1 signs in per venue; v2 has one). */
export function createSession(
  tokensFor: (venueId: string | undefined) => TokenManager,
  transport: Transport,
  log: NonNullable<ClientDeps['log']>,
): Session {
  async function attempt(request: ApiRequest, signal: AbortSignal | undefined) {
    const tokens = tokensFor(request.venueId);
    const token = await tokens.token(signal);
    if (!token.ok) return token;
    const sent = await transport({ ...request, token: token.value, source: 'api' }, signal);
    return sent.ok ? { ...sent, token: token.value } : sent;
  }

  async function send(request: ApiRequest, signal?: AbortSignal): Promise<Result<HttpReply>> {
    // The token rides along only inside this function; results handed out never carry it.
    const first = await attempt(request, signal);
    if (!first.ok) return first;
    if (!isUnauthorized(first.value)) return ok(first.value);
    const tokens = tokensFor(request.venueId);
    tokens.rejected(first.token);
    log('info', `Clopos refused the token on ${request.method} ${request.path} (HTTP ${first.value.status}); signing in again`);
    const second = await attempt(request, signal);
    if (!second.ok) return second;
    if (!isUnauthorized(second.value)) return ok(second.value);
    const pasted = tokens.usingPastedToken();
    tokens.rejected(second.token);
    if (pasted) return err(pastedTokenRejectedError());
    const said = serverError(second.value.json);
    const text = said.message ?? said.code;
    return err(tokenRejectedError(text ? ` Clopos said: "${redact(text)}".` : '', second.value.status));
  }

  return {
    send,
    async json(request, signal) {
      const sent = await send(request, signal);
      return sent.ok ? checkReply(sent.value, 'api') : sent;
    },
  };
}
