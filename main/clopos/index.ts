/**
 * The Clopos API client (v1 and v2 behind one interface). Everything it holds — token, rate
 * budget, learned status vocabulary — belongs to this one client: two clients share nothing.
 */
import type { Diagnosis } from '../../common/engine';
import { err, ok, type AppError, type Result } from '../../common/result';
import { createTokenManager } from './auth';
import { resolveConfig } from './config';
import { diagnose } from './diagnosis';
import { badResponseError, configError, redact } from './errors';
import { createTransport } from './http';
import { createOrderDetails } from './order-details';
import { createPendingLister } from './pending-orders';
import { RateGate } from './rate-limit';
import { createSession } from './session';
import { createTimestampParser } from './timestamps';
import type { ClientConfig, ClientDeps, CloposClient } from './types';

export type * from './types';

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
  const tokens = createTokenManager(resolved, { now: deps.now, credentials: deps.credentials, log }, transport);
  const session = createSession(tokens, transport, log);
  const parseTime = createTimestampParser(resolved.missing.length ? undefined : resolved.timeZone);
  const lister = createPendingLister({
    api: resolved.api,
    venues: resolved.venues,
    pageLimit: resolved.pageLimit,
    maxPages: resolved.maxPages,
    session,
    parseTime,
    log,
  });
  const details = createOrderDetails(session, parseTime);

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
      return await diagnose({ config: resolved, credentials: deps.credentials, tokens, lister }, signal);
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
        const { orders, skipped, serverTime, truncated, paged } = fetched.value;
        return ok({ orders, skipped, serverTime, truncated, paged });
      });
    },
    budget: () => gate.current(),
    resetAuthBackoff: () => tokens.resetBackoff(),
    getOrder: (id, venueId, signal) => configured(() => details.getOrder(id, venueOf(venueId), signal)),
    getReceipt: (id, venueId, signal) => configured(() => details.getReceipt(id, venueOf(venueId), signal)),
    ignoreOrder: (id, venueId, signal) => configured(() => details.ignoreOrder(id, venueOf(venueId), signal)),
    check,
  };
}
