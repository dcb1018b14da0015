/**
 * Injected faults: a queue of rules (which path, which venue, how many times) and what each fault
 * turns the reply into — latency, an error status, a 429, broken JSON, an HTML page, a dropped
 * connection, an expired token or a 200 that says `success: false` (docs/clopos-api.md "Errors").
 */
import type { Reply, RequestContext } from './http';
import { errorBody } from './response-shapes';
import type { ErrorShape, FaultRule, SimFault } from './types';

/** Faults that replace the reply (latency only delays it). */
export type ReplyFault = Exclude<SimFault, { type: 'latency' }>;

interface ActiveFault {
  fault: SimFault;
  remaining: number;
  path: string | undefined;
  venue: string | undefined;
}

export interface SimFaults {
  add(rule: FaultRule): void;
  clear(): void;
  /** Takes one use of the first rule matching the request that `accept` wants, or null. */
  take(path: string, venue: string | undefined, accept: (fault: SimFault) => boolean): SimFault | null;
  /** The reply a fault gives instead of the real one, or 'drop' to cut the connection. */
  reply(fault: ReplyFault, ctx: RequestContext): Reply | 'drop';
}

const STATUS_ERRORS: Record<number, [string, string]> = {
  403: ['forbidden', 'This integration has no access to this venue'],
  500: ['server_error', 'Internal server error'],
  502: ['bad_gateway', 'Bad gateway'],
  503: ['service_unavailable', 'Service temporarily unavailable'],
  504: ['gateway_timeout', 'The upstream service did not answer within 8 seconds'],
};

export function createFaults(deps: {
  now: () => number;
  errorShape: () => ErrorShape;
  /** A scripted token expiry makes the server forget the token. */
  revokeToken: (tokenValue: string) => void;
}): SimFaults {
  let faults: ActiveFault[] = [];
  return {
    add(rule) {
      faults.push({ fault: rule.fault, remaining: rule.times ?? 1, path: rule.path, venue: rule.venue });
    },
    clear() {
      faults = [];
    },
    take(path, venue, accept) {
      const active = faults.find(
        (f) => f.remaining > 0 && (!f.path || path.startsWith(f.path)) && (!f.venue || f.venue === venue) && accept(f.fault),
      );
      if (!active) return null;
      active.remaining--;
      faults = faults.filter((f) => f.remaining > 0);
      return active.fault;
    },
    reply(fault, ctx) {
      const shape = deps.errorShape();
      switch (fault.type) {
        case 'status': {
          const [code, message] = STATUS_ERRORS[fault.status]!;
          return { status: fault.status, body: errorBody(shape, fault.status, code, message) };
        }
        case 'rate-limit':
          return {
            status: 429,
            body: errorBody(shape, 429, 'rate_limited', 'Too many requests. Retry later.'),
            rateHeaders: fault.headers,
            rateOverride: { remaining: 0, resetAt: deps.now() + fault.resetSeconds * 1000 },
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
          if (ctx.tokenValue !== null) deps.revokeToken(ctx.tokenValue);
          ctx.token = null;
          return { status: 401, body: errorBody(shape, 401, 'unauthorized', 'Token expired') };
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
    },
  };
}
