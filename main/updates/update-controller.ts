/**
 * When to look for, and when to install, an update. A downloaded update is installed (which
 * restarts the app) only while the counter is idle — never while orders are waiting or an alarm is
 * sounding: then it is deferred and retried until idle — and only once a person said yes in a
 * native dialog main shows (no script in the window can answer it). Electron-free: the updater and
 * the dialog are ports.
 */
import type { UpdateStatus } from '../../common/contract';
import type { UpdateAvailability } from './availability';

/** What the controller needs from an updater (main/desktop/updater.ts adapts electron-updater). */
export interface UpdaterPort {
  setFeed(url: string): void;
  /** Resolves null when the updater is inactive (e.g. not packaged). Downloads in the background. */
  check(): Promise<{ available: boolean; version: string } | null>;
  /** Quits the app, installs the downloaded update and starts the app again. */
  install(): void;
  onDownloaded(listener: (version: string) => void): () => void;
  onError(listener: (message: string) => void): () => void;
}

export interface UpdateTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdateControllerOptions {
  updater: UpdaterPort;
  /** True while orders are pending or an alarm is active. */
  isBusy: () => boolean;
  /** Asks a person, in a dialog only they can answer, whether to install this version now. */
  confirmInstall: (version: string) => Promise<boolean>;
  /** Read on every check, so a settings change applies without a restart. */
  availability: () => UpdateAvailability;
  onStatus?: (status: UpdateStatus) => void;
  log?: { info(message: string): void; warn(message: string): void };
  timers?: UpdateTimers;
  /** First automatic check after start. */
  firstCheckAfterMs?: number;
  checkEveryMs?: number;
  /** How often a deferred install looks again for an idle moment. */
  idleRecheckMs?: number;
  /** How long after a person said "not now" the question comes again. */
  declinedRecheckMs?: number;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  checkTimeoutMs?: number;
}

export interface UpdateController {
  /** "Check for updates" (tray / settings) and the periodic check. */
  check(): Promise<UpdateStatus>;
  status(): UpdateStatus;
  /** Call when orders or alarms change: installs a deferred update once idle. */
  busyChanged(): void;
  /** Starts the periodic checks. */
  start(): void;
  dispose(): void;
}

const MINUTE = 60_000;

const defaultTimers: UpdateTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending update check must never keep the process alive at quit.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, isBusy, availability, onStatus, log } = options;
  const timers = options.timers ?? defaultTimers;
  const firstCheckAfterMs = options.firstCheckAfterMs ?? 2 * MINUTE;
  const checkEveryMs = options.checkEveryMs ?? 6 * 60 * MINUTE;
  const idleRecheckMs = options.idleRecheckMs ?? MINUTE;
  const declinedRecheckMs = options.declinedRecheckMs ?? 6 * 60 * MINUTE;
  /** The install question is on screen. */
  let asking = false;
  /** After a "not now", no question before this (epoch ms): state changes must not re-ask at once. */
  let declinedUntil = 0;
  const now = options.now ?? Date.now;
  const checkTimeoutMs = options.checkTimeoutMs ?? 2 * MINUTE;

  let current: UpdateStatus = { state: 'idle' };
  let downloadedVersion: string | null = null;
  let inFlight: Promise<UpdateStatus> | null = null;
  let checkTimer: unknown = null;
  let idleTimer: unknown = null;
  let disposed = false;
  /** quitAndInstall is asked once; asking again while the app is quitting would restart the install. */
  let installRequested = false;

  const setStatus = (next: UpdateStatus): UpdateStatus => {
    current = next;
    onStatus?.(next);
    return next;
  };

  const clearIdleTimer = () => {
    if (idleTimer !== null) timers.clearTimeout(idleTimer);
    idleTimer = null;
  };

  const installIfIdle = () => {
    // A "not now" stands until its time is up (its timer asks again then).
    if (now() < declinedUntil) return;
    clearIdleTimer();
    if (disposed || installRequested || asking || downloadedVersion === null) return;
    const allowed = availability();
    if (!allowed.enabled) {
      setStatus({ state: 'disabled', reason: allowed.reason });
      return;
    }
    if (isBusy()) {
      if (current.state !== 'deferred') log?.info(`update ${downloadedVersion} deferred: orders or an alarm are active`);
      setStatus({ state: 'deferred', version: downloadedVersion });
      idleTimer = timers.setTimeout(installIfIdle, idleRecheckMs);
      return;
    }
    const version = downloadedVersion;
    setStatus({ state: 'downloaded', version });
    asking = true;
    options.confirmInstall(version).then(
      (yes) => {
        asking = false;
        if (disposed) return;
        if (!yes) {
          log?.info(`update ${version} not installed: the person said not now`);
          setStatus({ state: 'deferred', version });
          declinedUntil = now() + declinedRecheckMs;
          idleTimer = timers.setTimeout(installIfIdle, declinedRecheckMs);
          return;
        }
        // The question may have waited a while: an order that came in meanwhile wins.
        if (isBusy()) return installIfIdle();
        log?.info(`installing update ${version}: the counter is idle and a person agreed`);
        installRequested = true;
        updater.install();
      },
      (cause: unknown) => {
        asking = false;
        log?.warn(`could not ask whether to install update ${version}: ${cause instanceof Error ? cause.message : String(cause)}`);
        idleTimer = timers.setTimeout(installIfIdle, declinedRecheckMs);
      },
    );
  };

  const unsubscribers = [
    updater.onDownloaded((version) => {
      downloadedVersion = version;
      installIfIdle();
    }),
    updater.onError((message) => {
      log?.warn(`update error: ${message}`);
      if (downloadedVersion === null) setStatus({ state: 'error', message });
    }),
  ];

  const runCheck = async (): Promise<UpdateStatus> => {
    const allowed = availability();
    if (!allowed.enabled) return setStatus({ state: 'disabled', reason: allowed.reason });
    if (downloadedVersion !== null) return current;
    setStatus({ state: 'checking' });
    let timeout: unknown = null;
    try {
      updater.setFeed(allowed.feedUrl);
      const timedOut = new Promise<never>((_, reject) => {
        timeout = timers.setTimeout(() => reject(new Error('The update check timed out.')), checkTimeoutMs);
      });
      const result = await Promise.race([updater.check(), timedOut]);
      if (result === null) return setStatus({ state: 'disabled', reason: 'The updater is not active in this build.' });
      if (downloadedVersion !== null) return current;
      return setStatus(result.available ? { state: 'available', version: result.version } : { state: 'none' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log?.warn(`update check failed: ${message}`);
      return setStatus({ state: 'error', message });
    } finally {
      if (timeout !== null) timers.clearTimeout(timeout);
    }
  };

  const check = (): Promise<UpdateStatus> => {
    if (disposed) return Promise.resolve(current);
    inFlight ??= runCheck().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const scheduleCheck = (ms: number) => {
    if (disposed) return;
    checkTimer = timers.setTimeout(() => {
      void check().finally(() => scheduleCheck(checkEveryMs));
    }, ms);
  };

  return {
    check,
    status: () => current,
    busyChanged: () => {
      if (downloadedVersion !== null) installIfIdle();
    },
    start: () => {
      if (checkTimer === null) scheduleCheck(firstCheckAfterMs);
    },
    dispose: () => {
      disposed = true;
      if (checkTimer !== null) timers.clearTimeout(checkTimer);
      clearIdleTimer();
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
