/** Wakes the poller when the PC resumes from sleep or the network comes back. */

export interface PowerApi {
  powerMonitor: { on(event: 'suspend' | 'resume', listener: () => void): unknown; removeListener(event: string, listener: () => void): unknown };
  net: { isOnline(): boolean };
}

interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Electron's main process has no "online" event, so the network state is sampled. */
export const NETWORK_SAMPLE_MS = 5_000;

export function watchPower(
  api: PowerApi,
  deps: { wake: (reason: 'resume' | 'online') => void; log: (message: string) => void; timers: Timers; sampleMs?: number },
): () => void {
  const onResume = (): void => {
    deps.log('Resumed from sleep: checking for orders now.');
    deps.wake('resume');
  };
  const onSuspend = (): void => deps.log('The PC is going to sleep.');
  api.powerMonitor.on('resume', onResume);
  api.powerMonitor.on('suspend', onSuspend);

  let online = api.net.isOnline();
  const timer = deps.timers.setInterval(() => {
    const now = api.net.isOnline();
    if (now && !online) {
      deps.log('The network is back: checking for orders now.');
      deps.wake('online');
    }
    online = now;
  }, deps.sampleMs ?? NETWORK_SAMPLE_MS);

  return () => {
    deps.timers.clearInterval(timer);
    api.powerMonitor.removeListener('resume', onResume);
    api.powerMonitor.removeListener('suspend', onSuspend);
  };
}
