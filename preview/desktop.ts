/**
 * The desktop of the browser preview: what Electron would show natively (notifications, the tray,
 * the taskbar badge, the window title) is kept here and printed to the terminal, and main →
 * renderer events go to the page over the loopback transport. The state is readable through the
 * preview server's `/preview/desktop` (for the person at the terminal and the end-to-end tests),
 * and a notification can be "clicked" there, as the OS would.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AlarmKind, EventPayloads } from '../common/contract';
import { ok } from '../common/result';
import type { DesktopPorts, SlipJob, NotificationAction, TrayActions, TrayPort } from '../main/app/ports';
import { canAcknowledge } from '../main/app/toast-xml';
import type { NotificationText } from '../main/app/messages';
import type { TrayView } from '../main/app/tray-view';

/** Notifications kept for the preview's desktop view (the OS keeps a few in its centre too). */
export const MAX_KEPT_NOTIFICATIONS = 50;

export interface PreviewNotification {
  id: number;
  title: string;
  body: string;
  orderId: string | null;
  orders: string[];
  topic: NotificationText['topic'];
  closed: boolean;
  /** Whether the notification has an Acknowledge button (Windows toasts and macOS show one for a single order). */
  canAcknowledge: boolean;
}

export interface PreviewDesktopState {
  title: string;
  tray: TrayView | null;
  /** Badge count and how many times the taskbar was flashed. */
  attention: { count: number; flashes: number };
  /** What the alarm does now: the kind it plays, or null when silent. */
  alarm: AlarmKind | null;
  notifications: PreviewNotification[];
  startAtLogin: boolean | null;
  /** The global shortcut held ('' = none). */
  shortcut: string;
  windowShown: number;
  /** Whether the window is kept above others. */
  onTop: boolean;
  /** Slips "printed" (the preview has no printer: it records them and prints a line). */
  slips: SlipJob[];
}

export interface PreviewDesktop {
  ports: DesktopPorts;
  createTray(actions: TrayActions, initial: TrayView): TrayPort;
  /** The tray's menu, as the preview's terminal or tests use it. */
  trayActions(): TrayActions | null;
  state(): PreviewDesktopState;
  /** The OS reports a click (or its Acknowledge button) on a notification; false when there is no such notification or button. */
  clickNotification(id: number, button?: 'open' | 'acknowledge'): boolean;
  /** The person pressed the global shortcut; false when none is held. */
  pressShortcut(): boolean;
}

export function createPreviewDesktop(deps: {
  /** Delivers a main → renderer event to the page (the server redacts and streams it). */
  send<E extends keyof EventPayloads>(channel: E, payload: EventPayloads[E]): void;
  /** One line in the terminal. */
  print(line: string): void;
}): PreviewDesktop {
  const notifications: PreviewNotification[] = [];
  let nextId = 1;
  let actions: TrayActions | null = null;
  let onAction: (action: NotificationAction) => void = () => undefined;
  let onShortcut: () => void = () => undefined;
  const state: Omit<PreviewDesktopState, 'notifications'> = {
    title: '',
    tray: null,
    attention: { count: 0, flashes: 0 },
    alarm: null,
    startAtLogin: null,
    shortcut: '',
    windowShown: 0,
    onTop: false,
    slips: [],
  };

  const close = (match: (n: PreviewNotification) => boolean): void => {
    for (const n of notifications) if (!n.closed && match(n)) n.closed = true;
  };

  const ports: DesktopPorts = {
    notify(text: NotificationText) {
      notifications.push({
        id: nextId++,
        title: text.title,
        body: text.body,
        orderId: text.orderId,
        orders: text.orders,
        topic: text.topic,
        closed: false,
        canAcknowledge: canAcknowledge(text),
      });
      if (notifications.length > MAX_KEPT_NOTIFICATIONS) notifications.shift();
      deps.print(`[notification] ${text.title} — ${text.body.replace(/\s*\n\s*/g, ' · ')}`);
    },
    onNotificationAction(handler) {
      onAction = handler;
    },
    notificationsSupported: () => true,
    // The browser preview prints notifications; they never fail.
    onNotificationsSupportedChange: () => undefined,
    withdraw: (orderId) => close((n) => n.orders.includes(orderId)),
    withdrawHealth: () => close((n) => n.topic === 'health'),
    send(channel, payload) {
      if (channel === 'notifier:alarm') {
        const command = payload as EventPayloads['notifier:alarm'];
        state.alarm = command.action === 'play' ? command.kind : null;
        deps.print(command.action === 'play' ? `[alarm] sounding (${command.kind})` : '[alarm] stopped');
      }
      deps.send(channel, payload);
    },
    showWindow: () => {
      state.windowShown += 1;
    },
    attention(count, flash) {
      state.attention = { count, flashes: state.attention.flashes + (flash ? 1 : 0) };
    },
    setWindowTitle(title) {
      state.title = title;
    },
    applyStartAtLogin(enabled) {
      state.startAtLogin = enabled;
      return ok(undefined);
    },
    setGlobalShortcut(accelerator) {
      state.shortcut = accelerator;
      if (accelerator) deps.print(`[shortcut] ${accelerator} stops the alarm`);
      return ok(undefined);
    },
    onShortcut(handler) {
      onShortcut = handler;
    },
    setAlwaysOnTop(onTop) {
      state.onTop = onTop;
    },
    async printSlip(job) {
      state.slips.push(job);
      if (state.slips.length > MAX_KEPT_NOTIFICATIONS) state.slips.shift();
      deps.print(`[print] slip of order ${job.orderId} on ${job.printer || 'the default printer'} (${job.paperWidthMm} mm)`);
      return ok(undefined);
    },
    listPrinters: async () => ok([{ name: 'Preview_Printer', displayName: 'Preview printer (prints to the terminal)', isDefault: true }]),
    // No native save dialog here: the file goes to the preview's own temporary folder, said in the terminal.
    async saveFile(request) {
      const folder = path.join(os.tmpdir(), 'clopos-notifier-preview');
      const file = path.join(folder, path.basename(request.defaultName));
      await mkdir(folder, { recursive: true });
      await writeFile(file, request.content, 'utf8');
      deps.print(`[save] "${request.title}": the preview has no save dialog, so it was written to ${file}`);
      return ok({ file });
    },
  };

  return {
    ports,
    createTray(trayActions, initial) {
      actions = trayActions;
      state.tray = initial;
      return {
        render(view) {
          if (state.tray?.tooltip !== view.tooltip) deps.print(`[tray] ${view.tooltip}`);
          state.tray = view;
        },
        destroy: () => undefined,
      };
    },
    trayActions: () => actions,
    state: () => ({ ...state, notifications: notifications.map((n) => ({ ...n })) }),
    clickNotification(id, button = 'open') {
      const n = notifications.find((candidate) => candidate.id === id);
      if (!n || (button === 'acknowledge' && (!n.canAcknowledge || n.orderId === null))) return false;
      n.closed = true;
      onAction(button === 'acknowledge' ? { action: 'acknowledge', orderId: n.orderId! } : { action: 'open', orderId: n.orderId });
      return true;
    },
    pressShortcut() {
      if (!state.shortcut) return false;
      onShortcut();
      return true;
    },
  };
}
