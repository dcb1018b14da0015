/**
 * The global shortcut that acknowledges every waiting order (the alarm stops) from any app — the
 * clerk's hands are on the POS. Off unless set in Settings; a shortcut another app already holds
 * is refused with a message saying so, never silently ignored.
 */
import { appError, err, ok, type Result } from '../../common/result';

/** The parts of Electron's `globalShortcut` used here (the recording fake has the same shape). */
export interface GlobalShortcutApi {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface GlobalShortcut {
  /** Holds `accelerator` ('' = none), releasing the one held before. */
  set(accelerator: string): Result<unknown>;
  /** Sets where a press goes. */
  onPress(handler: () => void): void;
  /** At quit. */
  release(): void;
}

export function createGlobalShortcut(api: GlobalShortcutApi): GlobalShortcut {
  let held = '';
  let handler: () => void = () => undefined;
  const release = () => {
    if (held) api.unregister(held);
    held = '';
  };
  return {
    set(accelerator) {
      if (accelerator === held) return ok(undefined);
      release();
      if (!accelerator) return ok(undefined);
      let registered: boolean;
      try {
        registered = api.register(accelerator, () => handler());
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        return err(appError('config', `The shortcut ${accelerator} is not one this system accepts (${why}); choose another in Settings.`));
      }
      if (!registered) {
        return err(appError('config', `The shortcut ${accelerator} is already used by another app on this PC, so it would not stop the alarm; choose another in Settings.`));
      }
      held = accelerator;
      return ok(undefined);
    },
    onPress(next) {
      handler = next;
    },
    release,
  };
}
