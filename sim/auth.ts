/**
 * Sign-in and authorisation as Clopos does them (docs/clopos-api.md "Two generations"): `/auth`
 * issues a v1 `oauth_…` token bound to one venue or a v2 JWT for the brand, tokens expire, and every
 * other call must carry the right headers for its generation.
 */
import { randomBytes } from 'node:crypto';
import { header, HttpError, parseJsonBody, requireFields, type Reply, type RequestContext, type TokenInfo } from './http';
import type { SimApi } from './types';

export interface AuthOptions {
  now: () => number;
  brand: string;
  venues: readonly string[];
  clientId: string;
  clientSecret: string;
  integratorId: string;
  tokenLifetimeSeconds: number;
  /** 'token-only' answers v1 /auth with just {token, expires_in}, as one docs page shows. */
  v1AuthReply: 'full' | 'token-only';
}

export interface SimAuth {
  /** `POST /auth`. */
  signIn(ctx: RequestContext): Reply;
  /** The live token a request carries, or null (none, unknown, expired or of the other generation). */
  tokenFor(ctx: RequestContext): TokenInfo | null;
  /** Checks the headers every non-auth call needs; returns the venue the call acts on. */
  authorise(ctx: RequestContext): string;
  /** Forgets one token (a scripted expiry). */
  revoke(tokenValue: string): void;
  expireAll(): void;
  setCredentialsValid(valid: boolean): void;
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export function createAuth(options: AuthOptions): SimAuth {
  const { now, brand, venues, tokenLifetimeSeconds } = options;
  const tokens = new Map<string, TokenInfo>();
  let credentialsValid = true;

  function issueToken(api: SimApi, venueId: string): { token: string; expiresAt: number } {
    const issuedAt = now();
    const expiresAt = issuedAt + tokenLifetimeSeconds * 1000;
    let token: string;
    if (api === 'v1') {
      token = `oauth_${randomBytes(24).toString('hex')}`;
    } else {
      const claims = {
        iss: 'clopos-simulator',
        sub: options.integratorId,
        brand,
        venue_id: venueId,
        iat: Math.floor(issuedAt / 1000),
        exp: Math.floor(expiresAt / 1000),
        jti: randomBytes(8).toString('hex'),
      };
      token = [
        base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
        base64url(JSON.stringify(claims)),
        base64url(randomBytes(32)),
      ].join('.');
    }
    tokens.set(token, { api, brand, venueId, expiresAt });
    return { token, expiresAt };
  }

  return {
    signIn(ctx) {
      if (ctx.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST for /auth');
      const body = parseJsonBody(ctx.body);
      const fields =
        ctx.api === 'v1'
          ? requireFields(body, ['client_id', 'client_secret', 'brand', 'venue_id'])
          : requireFields(body, ['client_id', 'client_secret', 'brand', 'integrator_id']);
      const matches =
        credentialsValid &&
        fields.client_id === options.clientId &&
        fields.client_secret === options.clientSecret &&
        fields.brand === brand &&
        (ctx.api === 'v1' ? venues.includes(fields.venue_id!) : fields.integrator_id === options.integratorId);
      if (!matches) throw new HttpError(401, 'authentication_failed', 'Invalid client credentials');
      const requestedVenue = typeof body.venue_id === 'string' || typeof body.venue_id === 'number' ? String(body.venue_id) : '';
      const venueId = venues.includes(requestedVenue) ? requestedVenue : venues[0]!;
      const { token, expiresAt } = issueToken(ctx.api, venueId);
      if (ctx.api === 'v1' && options.v1AuthReply === 'token-only') {
        return { status: 200, body: { token, expires_in: tokenLifetimeSeconds } };
      }
      const reply: Record<string, unknown> = {
        success: true,
        token,
        token_type: 'Bearer',
        expires_in: tokenLifetimeSeconds,
        message: 'Authentication successful',
      };
      if (ctx.api === 'v2') reply.expires_at = Math.floor(expiresAt / 1000);
      return { status: 200, body: reply };
    },

    tokenFor(ctx) {
      if (ctx.tokenValue === null) return null;
      const info = tokens.get(ctx.tokenValue);
      if (!info || info.api !== ctx.api || info.expiresAt <= now()) return null;
      return info;
    },

    authorise(ctx) {
      if (ctx.tokenValue === null) {
        const hint = header(ctx, 'authorization') ? ' (send the token as x-token, not Authorization)' : '';
        throw new HttpError(401, 'unauthorized', `Missing x-token header${hint}`);
      }
      const info = ctx.token;
      if (!info) {
        const known = tokens.get(ctx.tokenValue);
        const expired = known !== undefined && known.expiresAt <= now();
        throw new HttpError(401, 'unauthorized', expired ? 'Token expired' : 'Invalid or expired token');
      }
      const venueHeader = header(ctx, 'x-venue');
      if (ctx.api === 'v1') {
        const brandHeader = header(ctx, 'x-brand');
        if (!brandHeader) throw new HttpError(400, 'validation_failed', 'x-brand header is required');
        if (!venueHeader) throw new HttpError(400, 'validation_failed', 'x-venue header is required');
        if (brandHeader !== info.brand) throw new HttpError(401, 'unauthorized', 'Token does not belong to this brand');
        // v1 signs in for one venue (its /auth takes a venue_id); the token is taken to serve that venue only (inference).
        if (venueHeader !== info.venueId) throw new HttpError(401, 'unauthorized', `Token was issued for venue ${info.venueId}`);
      }
      const venue = venueHeader ?? info.venueId;
      if (!venues.includes(venue)) throw new HttpError(401, 'unauthorized', `Venue ${venue} is not accessible`);
      return venue;
    },

    revoke: (tokenValue) => void tokens.delete(tokenValue),
    expireAll: () => tokens.clear(),
    setCredentialsValid(valid) {
      credentialsValid = valid;
    },
  };
}
