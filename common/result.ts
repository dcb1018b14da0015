import { z } from 'zod';

/**
 * Errors the user can act on. The first ten come from talking to Clopos; the last three are
 * raised at the IPC boundary and inside the app.
 */
export const API_ERROR_KINDS = [
  'offline',
  'timeout',
  'auth',
  'rate-limited',
  'server',
  'bad-response',
  'not-found',
  'config',
  /** A listing known to be incomplete: some pending orders cannot be seen. */
  'incomplete',
  /** Clopos listed orders whose id cannot be read. */
  'unreadable',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export const ERROR_KINDS = [...API_ERROR_KINDS, 'invalid-request', 'forbidden', 'internal'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface AppError {
  kind: ErrorKind;
  /** A sentence a person can act on. Never contains a secret or a token. */
  message: string;
  /** HTTP status when the error came from a response. */
  status?: number;
  /** When the caller may try again (rate limits, auth back-off), in ms from when it was raised. */
  retryAfterMs?: number;
}

export const appErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  status: z.number().optional(),
  retryAfterMs: z.number().optional(),
});

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = AppError>(error: E): Result<never, E> => ({ ok: false, error });
export const appError = (kind: ErrorKind, message: string, extra: Partial<AppError> = {}): AppError => ({
  kind,
  message,
  ...extra,
});
