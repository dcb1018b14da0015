/**
 * The simulator's HTTP plumbing: the request context every handler gets, the reply it gives, the
 * error a handler throws to answer in the current error shape, and the request-reading helpers.
 */
import type { IncomingMessage } from 'node:http';
import type { SimApi } from './types';

/** The largest request body accepted. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface TokenInfo {
  api: SimApi;
  brand: string;
  venueId: string;
  expiresAt: number;
}

export interface Reply {
  status: number;
  body: unknown;
  /** Raw text instead of JSON (malformed JSON, HTML). */
  raw?: { text: string; contentType: string };
  /** Which rate-limit headers to send; default those of the request's API generation. */
  rateHeaders?: 'v1' | 'v2' | 'none';
  /** Overrides the derived rate state (a scripted 429). */
  rateOverride?: { remaining: number; resetAt: number };
}

/** Thrown inside a handler to answer with an error body in the current shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface RequestContext {
  api: SimApi;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  token: TokenInfo | null;
  tokenValue: string | null;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'payload_too_large', 'Request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

export function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'validation_failed', 'The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'validation_failed', 'The request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function requireFields(body: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  const missing = fields.filter((f) => {
    const v = body[f];
    return !((typeof v === 'string' && v !== '') || typeof v === 'number');
  });
  if (missing.length > 0) {
    throw new HttpError(400, 'validation_failed', `Missing required fields: ${missing.join(', ')}`, {
      fields: Object.fromEntries(missing.map((f) => [f, ['The field is required.']])),
    });
  }
  return Object.fromEntries(fields.map((f) => [f, String(body[f])]));
}

export function positiveInt(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new HttpError(400, 'invalid_parameter', `${name} must be an integer between 1 and ${max}`, {
      [name]: raw,
    });
  }
  return value;
}

/** `with[0]=receipt:id,status` → relation names with optional field lists. */
export function relations(query: URLSearchParams): Map<string, string[] | null> {
  const result = new Map<string, string[] | null>();
  for (const [key, value] of query) {
    if (key !== 'with' && !/^with\[\d*\]$/.test(key)) continue;
    for (const item of value.split(';')) {
      const [name, fields] = item.split(':', 2);
      if (!name) continue;
      result.set(name.trim(), fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : null);
    }
  }
  return result;
}

export function pick(body: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  if (fields === null) return body;
  return Object.fromEntries(fields.filter((f) => f in body).map((f) => [f, body[f]]));
}

