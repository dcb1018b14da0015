/**
 * The settings the desktop carries out rather than the engine: start at login and the global
 * shortcut. Applied at launch and whenever the settings change (only what changed, so a refused
 * shortcut is not retried on every unrelated save); what the OS refused stays visible as a warning
 * on the settings view — after a reboot nothing would watch for orders, and a shortcut that never
 * fires would leave the clerk pressing it in vain.
 */
import type { Settings } from '../../common/settings';
import type { DesktopPorts, LogFn } from './ports';

export interface DesktopSettings {
  apply(settings: Pick<Settings, 'startAtLogin' | 'alarmShortcut'>): void;
  /** What the OS refused, in words for the settings screen; null when all is applied. */
  warning(): string | null;
}

export function createDesktopSettings(desktop: Pick<DesktopPorts, 'applyStartAtLogin' | 'setGlobalShortcut'>, log: LogFn): DesktopSettings {
  let startAtLogin: boolean | null = null;
  let shortcut: string | null = null;
  let loginProblem: string | null = null;
  let shortcutProblem: string | null = null;

  return {
    apply(settings) {
      if (settings.startAtLogin !== startAtLogin) {
        startAtLogin = settings.startAtLogin;
        const applied = desktop.applyStartAtLogin(startAtLogin);
        loginProblem = applied.ok ? null : `Start at login could not be set: ${applied.error.message}`;
        if (loginProblem) log('warn', loginProblem);
      }
      if (settings.alarmShortcut !== shortcut) {
        shortcut = settings.alarmShortcut;
        const held = desktop.setGlobalShortcut(shortcut);
        shortcutProblem = held.ok ? null : held.error.message;
        if (shortcutProblem) log('warn', shortcutProblem);
      }
    },
    warning: () => [loginProblem, shortcutProblem].filter(Boolean).join(' ') || null,
  };
}
