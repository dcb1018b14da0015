/**
 * Keeps a crash from going unnoticed or silencing the alarm: errors that escape main are logged
 * (through the redacting logger) instead of killing the poller, and a crashed or hung renderer —
 * which plays the alarm — is reloaded.
 */

type Log = (level: 'warn' | 'error', message: string) => void;

interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

const describe = (cause: unknown): string =>
  cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : String(cause);

/** Returns the function that removes the handlers. */
export function logUncaughtErrors(proc: ProcessEvents, log: Log): () => void {
  const onException = (error: Error): void => log('error', `Uncaught exception in the main process: ${describe(error)}`);
  const onRejection = (reason: unknown): void => log('error', `Unhandled promise rejection in the main process: ${describe(reason)}`);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}

interface RendererEvents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  reload(): void;
}

/** Reloads the window's page when its renderer dies or hangs; a clean exit on quit is left alone. */
export function reloadCrashedRenderer(contents: RendererEvents, log: Log): void {
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return;
    log('error', `The window's renderer stopped (${details.reason}, exit code ${details.exitCode}); reloading it so the board and the alarm come back.`);
    contents.reload();
  });
  contents.on('unresponsive', () => {
    if (contents.isDestroyed()) return;
    log('warn', "The window's renderer stopped responding; reloading it.");
    contents.reload();
  });
}
