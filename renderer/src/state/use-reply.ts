import { useEffect, useState } from 'react';
import type { AppError, Result } from '../../../common/result';

export type ReplyState<T> =
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: AppError };

/** Runs a bridge call when `key` changes (or on retry) and keeps only the answer to the latest call. */
export function useReply<T>(load: () => Promise<Result<T>>, key: string): { state: ReplyState<T>; retry(): void } {
  const [state, setState] = useState<ReplyState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (reply) => {
        if (current) setState(reply.ok ? { status: 'ok', value: reply.value } : { status: 'error', error: reply.error });
      },
      (cause: unknown) => {
        if (current) setState({ status: 'error', error: { kind: 'internal', message: String(cause) } });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure on every render; `key` says when it asks for something new.
  }, [key, attempt]);
  return { state, retry: () => setAttempt((n) => n + 1) };
}
