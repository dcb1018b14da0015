/**
 * The back-off after Clopos refused a sign-in (docs/clopos-api.md: repeated bad credentials may lock
 * the auth endpoint). It belongs to the credentials, not to one client object: the app builds a
 * fresh client for every "Test connection", and each must see the refusals of the others, or
 * thirty clicks make thirty refused sign-ins in a fraction of a second.
 */

const REFUSED_BACKOFF_START_MS = 60_000;
const REFUSED_BACKOFF_MAX_MS = 15 * 60_000;

export interface SignInGuard {
  /** How long before `/auth` may be tried again; 0 when it may. */
  waitMs(now: number): number;
  /** What Clopos said when it last refused (already free of secrets), '' when nothing. */
  lastRefusal(): string;
  /** Clopos refused: back off 1 min, doubling to 15 min. Returns the wait. */
  refused(detail: string, now: number): number;
  succeeded(): void;
  /**
   * A person asked (check now, test connection, new credentials): the wait is lifted, but at most
   * once per back-off period, so repeated clicks cannot hammer `/auth`. Returns true when lifted.
   */
  personLift(now: number): boolean;
}

export function createSignInGuard(): SignInGuard {
  let refusals = 0;
  let blockedUntil = 0;
  let period = 0;
  let liftedAt = Number.NEGATIVE_INFINITY;
  let detail = '';
  return {
    waitMs: (now) => Math.max(0, blockedUntil - now),
    lastRefusal: () => detail,
    refused(said, now) {
      refusals += 1;
      period = Math.min(REFUSED_BACKOFF_MAX_MS, REFUSED_BACKOFF_START_MS * 2 ** (refusals - 1));
      blockedUntil = now + period;
      detail = said;
      return period;
    },
    succeeded() {
      refusals = 0;
      blockedUntil = 0;
      period = 0;
      detail = '';
    },
    personLift(now) {
      if (blockedUntil <= now) return false;
      if (now - liftedAt < period) return false;
      liftedAt = now;
      blockedUntil = 0;
      return true;
    },
  };
}

/** Guards by what identifies a sign-in (server, brand, client, venue or integrator). */
export interface SignInGuards {
  for(key: string): SignInGuard;
}

/** Sign-ins remembered at most: far more than the credentials one PC is ever given. */
const MAX_GUARDS = 64;

export function createSignInGuards(): SignInGuards {
  const guards = new Map<string, SignInGuard>();
  return {
    for(key) {
      let guard = guards.get(key);
      if (!guard) {
        guard = createSignInGuard();
        guards.set(key, guard);
        // Oldest first: one person typing many drafts cannot grow this without bound.
        if (guards.size > MAX_GUARDS) guards.delete(guards.keys().next().value as string);
      }
      return guard;
    },
  };
}
