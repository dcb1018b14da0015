/**
 * The Clopos API client (v1 and v2 behind one interface). Everything it holds — token, rate
 * budget, learned status vocabulary — belongs to this one client: two clients share nothing.
 */
import type { Diagnosis } from '../../common/engine';
import { err, ok, type AppError, type Result } from '../../common/result';
import { createTokenManager } from './auth';
import { createSignInGuards } from './sign-in-guard';
import { resolveConfig } from './config';
import { diagnose } from './diagnosis';
import { badResponseError, configError, redact } from './errors';
import { createTransport } from './http';
import { createOrderDetails } from './order-details';
import { createPendingLister } from './pending-orders';
import { RateGate } from './rate-limit';
import { createSession } from './session';
import { createTimestampParser } from './timestamps';
import type { ClientConfig, ClientDeps, CloposClient, OrderLookup } from './types';

export type * from './types';

/** The most requests one page of a listing can take: the request, a sign-in and its retry after a refused token. */
const REQUESTS_PER_PAGE = 3;
/** Requests the engine's status lookups can add to a poll (five lookups, each with a sign-in and a retry). */
const MAX_LOOKUP_REQUESTS = 15;

function unexpectedError(cause: unknown): AppError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return badResponseError(`the client failed while handling it: ${redact(message)}`);
}

export function createCloposClient(config: ClientConfig, deps: ClientDeps): CloposClient {
  const resolved = resolveConfig(config);
  const log = deps.log ?? (() => undefined);
  const gate = new RateGate(deps.now);
  const transport = createTransport({
    api: resolved.api,
    apiBase: resolved.apiBase,
    brand: resolved.brand,
    timeoutMs: resolved.timeoutMs,
    gate,
    fetch: deps.fetch,
    now: deps.now,
    log,
  });
  const guards = deps.signInGuards ?? createSignInGuards();
  const tokenManager = (venueId: string) => {
    // Who signs in: one sign-in per venue for v1, one per integrator for v2.
    const who = resolved.api === 'v1' ? `venue ${venueId}` : `integrator ${resolved.integratorId}`;
    const guard = guards.for(`${resolved.api} ${resolved.apiBase} ${resolved.brand} ${resolved.clientId} ${who}`);
    return createTokenManager({ ...resolved, venueId }, { now: deps.now, credentials: deps.credentials, onSecret: deps.onSecret, log, guard }, transport);
  };
  const tokens = new Map((resolved.api === 'v1' ? resolved.venues : [resolved.venues[0] ?? '']).map((v) => [v, tokenManager(v)]));
  const firstTokens = [...tokens.values()][0]!;
  const tokensFor = (venueId: string | undefined) => (resolved.api === 'v1' && venueId !== undefined ? tokens.get(venueId) : undefined) ?? firstTokens;
  const session = createSession(tokensFor, transport, log);
  const parseTime = createTimestampParser(resolved.missing.length ? undefined : resolved.timeZone);
  const lister = createPendingLister({
    api: resolved.api,
    venues: resolved.venues,
    pageLimit: resolved.pageLimit,
    maxPages: resolved.maxPages,
    session,
    parseTime,
    currencyDecimals: resolved.currencyDecimals,
    log,
  });
  const details = createOrderDetails(session, parseTime, resolved.currencyDecimals);

  /**
   * Runs `call` only when the configuration is complete; otherwise says what is missing. Nothing
   * throws past the client: an exception is a defect met while handling a reply, reported as an
   * unusable reply so the caller's poll fails like any other instead of crashing it.
   */
  async function configured<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    if (resolved.missing.length) return err(configError(resolved.missing));
    try {
      return await call();
    } catch (cause) {
      return err(unexpectedError(cause));
    }
  }

  async function check(signal?: AbortSignal): Promise<Diagnosis> {
    try {
      return await diagnose({ config: resolved, credentials: deps.credentials, tokens: [...tokens.values()], lister }, signal);
    } catch (cause) {
      const error = unexpectedError(cause);
      return { ok: false, steps: [{ id: 'orders', ok: false, message: 'The check stopped on an unexpected error.' }], advice: [error.message], warnings: [] };
    }
  }
  const venueOf = (venueId?: string) => venueId?.trim() || resolved.venues[0] || '';

  return {
    async listPending(signal) {
      return configured(async () => {
        const fetched = await lister.fetch(signal);
        if (!fetched.ok) return fetched;
        const { orders, venues, skipped, serverTime } = fetched.value;
        return ok({ orders, venues, skipped, serverTime });
      });
    },
    async lookupOrders(orders, signal) {
      const answers = new Map<string, OrderLookup>();
      if (resolved.missing.length) return answers;
      for (const { id, venueId } of orders) {
        if (signal?.aborted) break;
        const result = await configured(() => details.getOrder(id, venueOf(venueId), signal));
        if (result.ok) answers.set(id, { found: result.value.order });
        else if (result.error.kind === 'not-found') answers.set(id, { missing: true });
        // A failed lookup teaches nothing; a rate limit or an outage would fail the rest too.
        else break;
      }
      return answers;
    },
    worstCaseListingMs: () =>
      // Each page may take a request, a sign-in and a retry after a refused token; plus the lookups.
      resolved.timeoutMs * (resolved.venues.length * resolved.maxPages * REQUESTS_PER_PAGE + MAX_LOOKUP_REQUESTS),
    budget: () => gate.current(),
    requestsSent: () => gate.sent(),
    resetAuthBackoff: () => {
      for (const manager of tokens.values()) manager.resetBackoff();
    },
    getOrder: (id, venueId, signal) => configured(() => details.getOrder(id, venueOf(venueId), signal)),
    getReceipt: (id, venueId, signal) => configured(() => details.getReceipt(id, venueOf(venueId), signal)),
    ignoreOrder: (id, venueId, signal) => configured(() => details.ignoreOrder(id, venueOf(venueId), signal)),
    check,
  };
}
