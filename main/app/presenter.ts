/**
 * Turns what the engine reports into what a person sees and hears: notifications, the alarm,
 * the tray, the taskbar badge and the renderer's state. Electron-free: the desktop adapters are
 * ports that only render what this decides.
 */
import type { SettingsView } from '../../common/contract';
import type { Announcement, EngineSnapshot } from '../../common/engine';
import type { Settings } from '../../common/settings';
import type { Clock } from '../watch/types';
import { createAlarmControl, type AlarmCommand } from './alarm-control';
import { announcementText, windowTitle, type TextContext } from './messages';
import type { DesktopPorts, RuntimeOutputs, TrayPort } from './ports';
import { throttleLatest } from './throttle';
import { trayView, type TrayView } from './tray-view';

export interface PresenterPorts
  extends Pick<DesktopPorts, 'notify' | 'withdraw' | 'withdrawHealth' | 'send' | 'showWindow' | 'attention' | 'setWindowTitle' | 'setAlwaysOnTop'> {
  clock: Clock;
  settings(): Settings;
  tray: TrayPort;
  /** Orders or the alarm changed (the updater installs a deferred update once nothing waits). */
  busyChanged?(): void;
}

/** What is true before the runtime reports anything. */
export interface PresenterStart {
  snapshot: EngineSnapshot;
  /** The app starts in demo mode (`--demo` or the saved mode). */
  demo: boolean;
}

export interface Presenter extends RuntimeOutputs {
  /** Shows the window, at the order when there is one (a notification's click or Open). */
  openOrder(id: string | null): void;
  /** The latest tray view, re-rendered (e.g. after "start at login" changed). */
  refreshTray(): void;
  /** Delivers the pending renderer update and clears timers (before quitting). */
  close(): void;
}

const acknowledgedIds = (snapshot: EngineSnapshot): string[] => snapshot.pending.filter((t) => t.acknowledged).map((t) => t.order.id);

/** A burst of engine changes (a poll with many orders) reaches the renderer as one update. */
export const STATE_THROTTLE_MS = 200;

/** The language, currency, zone and demo flag every text is written with. */
export function textContext(settings: Settings, now: number, demo: boolean): TextContext {
  return {
    now,
    language: settings.language,
    currency: settings.currency,
    ...(settings.connection.timeZone ? { timeZone: settings.connection.timeZone } : {}),
    demo,
  };
}

/** What the tray shows before the runtime reports anything. */
export function initialTrayView(settings: Settings, snapshot: EngineSnapshot, now: number, demo: boolean): TrayView {
  return trayView(snapshot, textContext(settings, now, demo), settings.startAtLogin);
}

/**
 * Sets the window title at once (in the settings' language) and keeps it, the tray and later
 * notifications in the language of the settings as they change.
 */
export function createPresenter(ports: PresenterPorts, start: PresenterStart): Presenter {
  const { clock } = ports;
  let demo = start.demo;
  let latest: EngineSnapshot = start.snapshot;
  /** Orders acknowledged in the last snapshot: one newly acknowledged closes its notifications. */
  let acknowledged = new Set(acknowledgedIds(latest));
  let lastTrayKey = '';
  let lastCount = -1;
  let lastTitle = '';
  let onTop = false;

  const ctx = (): TextContext => textContext(ports.settings(), clock.now(), demo);
  const alarm = createAlarmControl((command: AlarmCommand) => ports.send('notifier:alarm', command), {
    now: () => clock.now(),
    soundEnabled: ports.settings().alerts.sound,
  });
  const rendererState = throttleLatest((snap: EngineSnapshot) => ports.send('notifier:state', snap), STATE_THROTTLE_MS, clock);

  function updateTray(snapshot: EngineSnapshot, flash: boolean): void {
    const view = trayView(snapshot, ctx(), ports.settings().startAtLogin);
    const key = JSON.stringify(view);
    if (key !== lastTrayKey) {
      lastTrayKey = key;
      ports.tray.render(view);
    }
    if (view.count !== lastCount || flash) {
      lastCount = view.count;
      ports.attention(view.count, flash);
    }
  }

  function updateTitle(): void {
    const title = windowTitle(demo, ports.settings().language);
    if (title === lastTitle) return;
    lastTitle = title;
    ports.setWindowTitle(title);
  }

  /** Acknowledging an order (window, tray, keyboard) takes its notifications off the screen too. */
  function withdrawAcknowledged(snapshot: EngineSnapshot): void {
    const now = acknowledgedIds(snapshot);
    for (const id of now) if (!acknowledged.has(id)) ports.withdraw(id);
    acknowledged = new Set(now);
  }

  /** "Keep on top while an order is not seen" (opt-in): above the POS until someone presses Seen. */
  function updateOnTop(snapshot: EngineSnapshot): void {
    const wanted = ports.settings().window.keepOnTop && snapshot.pending.some((t) => !t.acknowledged);
    if (wanted === onTop) return;
    onTop = wanted;
    ports.setAlwaysOnTop(wanted);
  }

  function openOrder(id: string | null): void {
    ports.showWindow();
    if (id) ports.send('notifier:select-order', { id });
  }

  updateTitle();

  return {
    announce(a: Announcement, snapshot: EngineSnapshot) {
      if (a.type === 'left-pending') ports.withdraw(a.id);
      // One health notice at a time: a recovery makes the "Not receiving orders" banner wrong.
      if (a.type === 'health') ports.withdrawHealth();
      const text = announcementText(a, ctx());
      if (text) ports.notify(text);
      alarm.onAnnouncement(a, snapshot);
      if (a.type === 'new-order' || a.type === 'summary') {
        updateTray(snapshot, true);
        // Opt-in: the window comes forward (where the OS lets a background app do so; Windows may flash the taskbar instead).
        if (ports.settings().window.bringToFront) ports.showWindow();
      }
    },
    state(snapshot: EngineSnapshot) {
      latest = snapshot;
      withdrawAcknowledged(snapshot);
      alarm.onState(snapshot);
      updateTray(snapshot, false);
      updateOnTop(snapshot);
      rendererState.push(snapshot);
      ports.busyChanged?.();
    },
    settingsChanged(view: SettingsView) {
      alarm.setSoundEnabled(view.settings.alerts.sound);
      ports.send('notifier:settings-changed', view);
      updateTitle();
      updateTray(latest, false);
      updateOnTop(latest);
    },
    modeChanged(isDemo: boolean) {
      demo = isDemo;
      updateTitle();
      updateTray(latest, false);
    },
    openOrder,
    refreshTray() {
      updateTray(latest, false);
    },
    close() {
      rendererState.flush();
    },
  };
}
