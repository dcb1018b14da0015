/**
 * The app's desktop ports (main/app/ports.ts `DesktopPorts`) over Electron: notifications, the
 * window (events, title, focus), the taskbar badge and overlay, the login item and the global shortcut. Built once by
 * the composition root; the presenter calls these directly, so nothing passes back through
 * main/index.ts at run time.
 */
import type { DesktopPorts } from '../app/ports';
import { renderTrayIcon } from '../icons';
import { sendEvent, type DeepRedactor } from './ipc';
import { setStartAtLogin, type LifecycleApp, type LoginItemPlace } from './lifecycle';
import type { GlobalShortcut } from './global-shortcut';
import type { Notifier } from './notifications';
import type { SlipPrinter } from './printing';
import { showAndFocus, showAttention, type AppWindow, type BadgeApi } from './window';

export interface DesktopPortsDeps<W extends AppWindow & { webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean } }> {
  window: W;
  app: BadgeApi & LifecycleApp;
  notifier: Notifier;
  shortcut: GlobalShortcut;
  redactor: DeepRedactor;
  /** Electron's nativeImage, for the Windows taskbar overlay. */
  image: { createFromBuffer(buffer: Buffer): unknown };
  platform: NodeJS.Platform;
  /** Where a Linux autostart entry goes and what it starts. */
  loginItem: LoginItemPlace['linux'];
  /** Prints order slips from a hidden window (main/desktop/printing.ts). */
  printer: SlipPrinter;
  /** The save dialog and the write (main/desktop/save-file.ts). */
  saveFile: DesktopPorts['saveFile'];
}

export function createDesktopPorts<W extends AppWindow & { webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean } }>(
  deps: DesktopPortsDeps<W>,
): DesktopPorts {
  const { window, app, notifier } = deps;
  const overlay = (count: number) => deps.image.createFromBuffer(renderTrayIcon({ state: 'orders', count, size: 16 }));
  return {
    notify: (text) => notifier.show(text),
    onNotificationAction: (handler) => notifier.onAction(handler),
    notificationsSupported: () => notifier.supported(),
    onNotificationsSupportedChange: (handler) => notifier.onSupportChange(handler),
    withdraw: (orderId) => notifier.withdraw(orderId),
    withdrawHealth: () => notifier.withdrawHealth(),
    send: (channel, payload) => void sendEvent(window.webContents, channel, payload, deps.redactor),
    showWindow: () => showAndFocus(window),
    attention: (count, flash) => showAttention(window, app, { count, flash, platform: deps.platform, overlay }),
    setWindowTitle: (title) => {
      if (!window.isDestroyed()) window.setTitle(title);
    },
    // A refusal is logged and shown by the caller (main/app/desktop-settings.ts), once.
    applyStartAtLogin: (enabled) => setStartAtLogin(app, enabled, { platform: deps.platform, linux: deps.loginItem }),
    setGlobalShortcut: (accelerator) => deps.shortcut.set(accelerator),
    onShortcut: (handler) => deps.shortcut.onPress(handler),
    setAlwaysOnTop: (onTop) => {
      if (!window.isDestroyed()) window.setAlwaysOnTop(onTop);
    },
    printSlip: (job) => deps.printer.print(job),
    listPrinters: () => deps.printer.listPrinters(),
    saveFile: (request) => deps.saveFile(request),
  };
}
