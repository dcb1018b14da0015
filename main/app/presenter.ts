/**
 * Turns what the engine reports into what a person sees and hears: notifications, the alarm,
 * the tray, the taskbar badge and the renderer's state. Electron-free: the desktop adapters are
 * ports that only render what this decides.
 */
import type { EventPayloads, SettingsView } from '../../common/contract';
import type { Announcement, EngineSnapshot } from '../../common/engine';
import type { Settings } from '../../common/settings';
import type { Clock } from '../watch/types';
import { createAlarmControl, type AlarmCommand } from './alarm-control';
import { announcementText, type NotificationText, type TextContext } from './messages';
import type { DesktopOutputs } from './service';
import { throttleLatest } from './throttle';
import { trayView, type TrayView } from './tray-view';

export interface PresenterPorts {
  clock: Clock;
  settings(): Settings;
  /** Shows a native notification; `onClick` runs when the person clicks it. */
  notify(text: NotificationText, onClick: () => void): void;
  /** Closes notifications about an order that is no longer pending. */
  withdraw(orderId: string): void;
  send<E extends keyof EventPayloads>(channel: E, payload: EventPayloads[E]): void;
  /** Shows and focuses the window, e.g. after a notification click. */
  showWindow(): void;
  renderTray(view: TrayView): void;
  /** Badge / overlay with the count; `flash` on a new order. */
  attention(count: number, flash: boolean): void;
  startAtLogin(): boolean;
  setWindowDemo(demo: boolean): void;
}

export interface Presenter extends DesktopOutputs {
  /** The latest tray view, re-rendered (e.g. after "start at login" changed). */
  refreshTray(): void;
  /** Delivers the pending renderer update and clears timers (before quitting). */
  close(): void;
}

/** A burst of engine changes (a poll with many orders) reaches the renderer as one update. */
export const STATE_THROTTLE_MS = 200;

export function createPresenter(ports: PresenterPorts): Presenter {
  const { clock } = ports;
  let demo = false;
  let latest: EngineSnapshot | null = null;
  let lastTrayKey = '';
  let lastCount = -1;

  const ctx = (): TextContext => {
    const s = ports.settings();
    return { now: clock.now(), currency: s.currency, ...(s.connection.timeZone ? { timeZone: s.connection.timeZone } : {}), demo };
  };
  const alarm = createAlarmControl((command: AlarmCommand) => ports.send('notifier:alarm', command), {
    now: () => clock.now(),
    soundEnabled: ports.settings().alerts.sound,
  });
  const rendererState = throttleLatest((snap: EngineSnapshot) => ports.send('notifier:state', snap), STATE_THROTTLE_MS, clock);

  function updateTray(snapshot: EngineSnapshot, flash: boolean): void {
    const view = trayView(snapshot, ctx(), ports.startAtLogin());
    const key = JSON.stringify(view);
    if (key !== lastTrayKey) {
      lastTrayKey = key;
      ports.renderTray(view);
    }
    if (view.count !== lastCount || flash) {
      lastCount = view.count;
      ports.attention(view.count, flash);
    }
  }

  function openOrder(id: string | null): void {
    ports.showWindow();
    if (id) ports.send('notifier:select-order', { id });
  }

  return {
    announce(a: Announcement, snapshot: EngineSnapshot) {
      if (a.type === 'left-pending') ports.withdraw(a.id);
      const text = announcementText(a, ctx());
      if (text) ports.notify(text, () => openOrder(text.orderId));
      alarm.onAnnouncement(a, snapshot);
      if (a.type === 'new-order' || a.type === 'summary') updateTray(snapshot, true);
    },
    state(snapshot: EngineSnapshot) {
      latest = snapshot;
      alarm.onState(snapshot);
      updateTray(snapshot, false);
      rendererState.push(snapshot);
    },
    settingsChanged(view: SettingsView) {
      alarm.setSoundEnabled(view.settings.alerts.sound);
      ports.send('notifier:settings-changed', view);
      if (latest) updateTray(latest, false);
    },
    modeChanged(isDemo: boolean) {
      demo = isDemo;
      ports.setWindowDemo(isDemo);
      if (latest) updateTray(latest, false);
    },
    refreshTray() {
      if (latest) updateTray(latest, false);
    },
    close() {
      rendererState.flush();
    },
  };
}
