import { useEffect, useState } from 'react';
import type { AppError, Result } from '../../../common/result';

export type ReplyState<T> =
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: AppError };

/**
 * Runs a bridge call when `key` changes (or on retry) and keeps only the answer to the latest call.
 * An answer for an earlier key is never returned, not even for the one render before the new call
 * starts: the state is "loading" from the render the key changes in (the print window must not
 * take a slip without its receipt for a finished one).
 */
export function useReply<T>(load: () => Promise<Result<T>>, key: string): { state: ReplyState<T>; retry(): void } {
  const [held, setHeld] = useState<{ key: string; state: ReplyState<T> }>({ key, state: { status: 'loading' } });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setHeld({ key, state: { status: 'loading' } });
    load().then(
      (reply) => {
        if (current) setHeld({ key, state: reply.ok ? { status: 'ok', value: reply.value } : { status: 'error', error: reply.error } });
      },
      (cause: unknown) => {
        if (current) setHeld({ key, state: { status: 'error', error: { kind: 'internal', message: String(cause) } } });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure on every render; `key` says when it asks for something new.
  }, [key, attempt]);
  const state: ReplyState<T> = held.key === key ? held.state : { status: 'loading' };
  return { state, retry: () => setAttempt((n) => n + 1) };
}
