/**
 * The token manager. Clopos has no refresh token: a token lives `expires_in` seconds and a new one
 * comes from `/auth` with the client secret (docs/clopos-api.md "Two generations"). The secret is read
 * from `credentials()` right before `/auth` and dropped after; only the token stays, in memory.
 * A rejected `/auth` backs off (1 min doubling to 15 min, in a SignInGuard shared by every client
 * of the same credentials) because repeated bad credentials can lock the endpoint; a person may
 * lift it once per back-off period (`resetBackoff`). Concurrent callers share one `/auth`.
 */
import { err, ok, type Result } from '../../common/result';
import {
  badResponseError,
  cancelledError,
  checkReply,
  configError,
  credentialsRejectedError,
  noSignInHereError,
  pastedTokenRejectedError,
  redact,
  serverError,
} from './errors';
import type { Transport } from './http';
import { authReplySchema, type AuthReply } from './schemas';
import { createTimestampParser } from './timestamps';
import type { SignInGuard } from './sign-in-guard';
import type { ClientConfig, ClientDeps, Credentials } from './types';

/** Renew this long before expiry (or at half the lifetime for short-lived tokens). */
const RENEW_MARGIN_MS = 5 * 60_000;
/** The documented lifetime, used when a reply states none. */
const DEFAULT_LIFETIME_MS = 3_600_000;

export const PASTED_TOKEN_WARNING =
  'A pasted token is in use: it expires within about an hour and cannot be renewed. Enter the client secret in Settings → Connection so the app can renew access itself.';

interface CachedToken {
  token: string;
  /** Pasted tokens have no known expiry and cannot be renewed. */
  pasted: boolean;
  expiresAt: number;
  renewAt: number;
}

export interface TokenManager {
  /** A token to send, signing in or renewing first when needed. */
  token(signal?: AbortSignal): Promise<Result<string>>;
  /** The API refused this token: forget it so the next `token()` signs in again. */
  rejected(token: string): void;
  /** True when the token in use was pasted (it cannot be renewed). */
  usingPastedToken(): boolean;
  /**
   * Lets the next `token()` try `/auth` at once despite the back-off after a refusal, at most once
   * per back-off period. Only for an explicit action of a person: the refusal count stays, so
   * another refusal waits even longer.
   */
  resetBackoff(): void;
}

type AuthConfig = Pick<ClientConfig, 'api' | 'brand' | 'clientId' | 'integratorId'> & {
  /** The venue this sign-in is for: v1 signs in per venue (its `/auth` takes a `venue_id`). */
  venueId: string;
};

export function createTokenManager(
  config: AuthConfig,
  deps: Pick<ClientDeps, 'now' | 'credentials' | 'onSecret'> & { log: NonNullable<ClientDeps['log']>; guard: SignInGuard },
  transport: Transport,
): TokenManager {
  const { now, log, guard } = deps;
  // expires_at is documented as epoch seconds; a zone-less text form would be the server's UTC.
  const parseExpiry = createTimestampParser('UTC');
  let cached: CachedToken | null = null;
  let deadPastedToken: string | null = null;
  let inflight: Promise<Result<string>> | null = null;

  function missingForSignIn(): string[] {
    const missing: string[] = [];
    if (!config.clientId?.trim()) missing.push('client id');
    if (!config.brand.trim()) missing.push('brand');
    if (config.api === 'v1' && !config.venueId.trim()) missing.push('venue id');
    if (config.api === 'v2' && !config.integratorId?.trim()) missing.push('integrator id');
    return missing;
  }

  function expiry(reply: AuthReply, issuedAt: number): number {
    const fromLifetime = reply.expires_in ? issuedAt + reply.expires_in * 1000 : null;
    const statedAt = parseExpiry(reply.expires_at);
    // A stated expiry already past on this PC's clock means the clocks disagree: trust the lifetime.
    const fromStated = statedAt !== null && statedAt > issuedAt ? statedAt : null;
    if (fromLifetime !== null && fromStated !== null) return Math.min(fromLifetime, fromStated);
    return fromStated ?? fromLifetime ?? issuedAt + DEFAULT_LIFETIME_MS;
  }

  function rejectionBackoff(detail: string, status: number): Result<never> {
    const wait = guard.refused(detail, now());
    log('warn', `Clopos refused the sign-in${config.api === 'v1' ? ` for venue ${config.venueId}` : ''} (HTTP ${status}); next attempt in ${Math.round(wait / 1000)} s`);
    return err(credentialsRejectedError(detail, wait, status));
  }

  async function signIn(clientSecret: string): Promise<Result<string>> {
    const clientId = config.clientId ?? '';
    const body =
      config.api === 'v1'
        ? { client_id: clientId, client_secret: clientSecret, brand: config.brand, venue_id: config.venueId }
        : { client_id: clientId, client_secret: clientSecret, brand: config.brand, integrator_id: config.integratorId };
    const issuedAt = now();
    const sent = await transport({ method: 'POST', path: '/auth', body, source: 'auth' });
    if (!sent.ok) return sent;
    const reply = sent.value;
    const checked = checkReply(reply, 'auth');
    if (!checked.ok) {
      // 404/405 mean the address is wrong, not the credentials: no sign-in back-off for those.
      if (reply.status === 404 || reply.status === 405) return err(noSignInHereError(reply.status));
      const refused = checked.error.kind === 'auth' || (reply.status >= 400 && reply.status < 500);
      if (!refused) return checked;
      const said = serverError(reply.json);
      const text = said.message ?? said.code;
      // A server that echoes the request would hand back the secret, however short it is.
      return rejectionBackoff(text ? ` Clopos said: "${redact(text, [clientSecret])}".` : '', reply.status);
    }
    const parsed = authReplySchema.safeParse(checked.value);
    if (!parsed.success) return err(badResponseError('sign-in reply without a token', reply.status));
    deps.onSecret?.(parsed.data.token);
    const expiresAt = expiry(parsed.data, issuedAt);
    const lifetime = expiresAt - issuedAt;
    cached = {
      token: parsed.data.token,
      pasted: false,
      expiresAt,
      renewAt: expiresAt - Math.min(RENEW_MARGIN_MS, lifetime / 2),
    };
    guard.succeeded();
    log('info', `Signed in to Clopos; the token is valid for ${Math.round(lifetime / 60_000)} min`);
    return ok(cached.token);
  }

  async function obtain(): Promise<Result<string>> {
    let credentials: Credentials;
    try {
      credentials = await deps.credentials();
    } catch {
      return err(configError(['the stored client secret could not be read']));
    }
    if (credentials.clientSecret) deps.onSecret?.(credentials.clientSecret);
    if (credentials.token) deps.onSecret?.(credentials.token);
    if (credentials.clientSecret) {
      const missing = missingForSignIn();
      if (missing.length) return err(configError(missing));
      return signIn(credentials.clientSecret);
    }
    if (credentials.token) {
      if (credentials.token === deadPastedToken) return err(pastedTokenRejectedError());
      cached = { token: credentials.token, pasted: true, expiresAt: Infinity, renewAt: Infinity };
      log('warn', 'Using a pasted token; it expires within about an hour and cannot be renewed');
      return ok(cached.token);
    }
    return err(configError(['client secret (or a pasted token)']));
  }

  function shared(): Promise<Result<string>> {
    inflight ??= obtain().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function token(signal?: AbortSignal): Promise<Result<string>> {
    const current = cached;
    if (current && now() < current.renewAt) return ok(current.token);
    const wait = guard.waitMs(now());
    if (wait > 0) {
      if (current && now() < current.expiresAt) return ok(current.token);
      return err(credentialsRejectedError(guard.lastRefusal(), wait));
    }
    const result = await untilAborted(shared(), signal);
    if (!result.ok && current && cached === current && now() < current.expiresAt) {
      // Renewal ahead of expiry failed; the current token still works for a while.
      log('warn', `Token renewal failed (${result.error.kind}); using the current token until it expires`);
      return ok(current.token);
    }
    return result;
  }

  return {
    token,
    rejected(rejectedToken) {
      if (cached?.token !== rejectedToken) return;
      if (cached.pasted) deadPastedToken = rejectedToken;
      cached = null;
    },
    usingPastedToken: () => cached?.pasted === true,
    resetBackoff() {
      if (guard.personLift(now())) log('info', 'A person asked to try the sign-in again before the back-off ended');
    },
  };
}

/** Waits for a shared promise, giving up (without cancelling it) when this caller's signal aborts. */
function untilAborted<T>(promise: Promise<Result<T>>, signal?: AbortSignal): Promise<Result<T>> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(err(cancelledError()));
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(err(cancelledError()));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
