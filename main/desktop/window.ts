/** The one app window: created hidden or shown, hidden (not closed) by its close button. */
import { windowTitle } from '../app/messages';

export interface AppWindow {
  readonly webContents: {
    send(channel: string, payload?: unknown): void;
    isDestroyed(): boolean;
  };
  on(event: 'close' | 'page-title-updated', listener: (event: { preventDefault(): void }) => void): unknown;
  loadFile(file: string): Promise<void>;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  setTitle(title: string): void;
  flashFrame(flag: boolean): void;
  setAlwaysOnTop(flag: boolean): void;
  setOverlayIcon(image: unknown, description: string): void;
  removeMenu(): void;
}

export interface BrowserWindowApi<W extends AppWindow> {
  new (options: Record<string, unknown>): W;
}

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 768;

export interface MainWindowOptions {
  /** The security module's preferences (contextIsolation, sandbox, the preload, no background throttling, autoplay). */
  webPreferences: object;
  htmlPath: string;
  demo: boolean;
  /** False for `--hidden` (start in the tray). */
  show: boolean;
  icon?: unknown;
}

export function createMainWindow<W extends AppWindow>(Api: BrowserWindowApi<W>, options: MainWindowOptions): W {
  const win = new Api({
    width: 1280,
    height: 860,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: options.show,
    title: windowTitle(options.demo),
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: options.webPreferences,
  });
  win.removeMenu();
  // The title carries DEMO; the page's <title> must not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  return win;
}

/** Close-to-tray: the close button hides the window; only a real quit lets it close. */
export function hideOnClose(win: AppWindow, isQuitting: () => boolean): void {
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
}

export function showAndFocus(win: AppWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export interface BadgeApi {
  setBadgeCount(count?: number): boolean;
}

/**
 * Tells the OS how many orders wait: the dock/launcher badge where supported, the Windows taskbar
 * overlay, and a taskbar flash when a new order arrives.
 */
export function showAttention(
  win: AppWindow,
  app: BadgeApi,
  input: { count: number; flash: boolean; platform: NodeJS.Platform; overlay: (count: number) => unknown },
): void {
  app.setBadgeCount(input.count);
  if (win.isDestroyed()) return;
  if (input.platform === 'win32') {
    win.setOverlayIcon(input.count > 0 ? input.overlay(input.count) : null, input.count > 0 ? `${input.count} orders waiting` : '');
  }
  if (input.flash) win.flashFrame(true);
}
