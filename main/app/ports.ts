/**
 * What the electron-free application (main/app) needs from the outside, as interfaces. The desktop
 * adapters (main/desktop) satisfy them with Electron; the tests, the smoke run and the browser
 * preview satisfy them with fakes. `composeApp` (compose.ts) takes them all and builds the app.
 */
import type { EventPayloads, PrinterInfo, SecretStorageKind, SettingsView } from '../../common/contract';
import type { Announcement, EngineSnapshot } from '../../common/engine';
import type { Result } from '../../common/result';
import type { ConnectionSettings, SecretName, Settings, SettingsPatch } from '../../common/settings';
import type { Credentials } from '../clopos/types';
import type { NotificationText } from './messages';
import type { ToastAction } from './toast-xml';
import type { TrayView } from './tray-view';

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** The settings store (validation and persistence live in the store: main/desktop/settings-store.ts). */
export interface SettingsPort {
  get(): Settings;
  /** Validates, merges and saves; when invalid or unsaveable nothing changes and the error says why. */
  update(patch: SettingsPatch): Result<Settings>;
  /** Set when the settings file was unreadable and defaults were used. */
  readonly warning: string | null;
}

/**
 * The secret store: values are read only here, right before a Clopos call, and never returned to
 * the renderer. Each secret is bound to the server host it was entered for (`host`: see
 * common/server-address.ts `secretHostOf`) and only ever handed out for that host.
 */
export interface SecretsPort {
  /** Decrypted right now, for one Clopos call to `host`; secrets entered for another host are left out. */
  credentials(host: string): Promise<Credentials>;
  /** One secret decrypted right now for one call to `host` (the Telegram bot token); undefined when not set for that host. */
  secret(name: SecretName, host: string): Promise<string | undefined>;
  set(name: SecretName, value: string, host: string): Promise<Result<void>>;
  clear(name: SecretName): Result<void>;
  /** Which secrets are set for `host`. */
  status(host: string): Record<SecretName, boolean>;
  /** The host each set secret was entered for. */
  hosts(): Partial<Record<SecretName, string>>;
  storageKind(): Promise<SecretStorageKind>;
  /** Problems the person should know about (a damaged file kept aside, a secret this PC cannot decrypt). */
  readonly warning: string | null;
}

/** A question main asks in a native dialog, which no script in the window can answer. */
export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  confirm: string;
  cancel: string;
}

/** Where the orders come from when they do not come from the saved connection. */
export interface ConnectionSource {
  connection: ConnectionSettings;
  credentials: Credentials;
  /** Stops what the source started (the demo simulator); resolves when it is closed. */
  close(): Promise<void>;
}

/** What the runtime reports as it runs (the presenter implements it). */
export interface RuntimeOutputs {
  announce(announcement: Announcement, snapshot: EngineSnapshot): void;
  state(snapshot: EngineSnapshot): void;
  settingsChanged(view: SettingsView): void;
  /** The demo flag changed (the demo started or ended). */
  modeChanged(demo: boolean): void;
}

/** What a person asked for on a notification (a click, or a toast's or macOS' button). */
export type NotificationAction = ToastAction;

/** What the desktop shows and does; the presenter decides, these only render. */
export interface DesktopPorts {
  /** Shows a native notification; a click or a button on it reaches the `onNotificationAction` handler. */
  notify(text: NotificationText): void;
  /**
   * Where clicks and buttons go, set once by the composition. On Windows this includes activations
   * of toasts shown before a restart; any that come before the handler is set are held for it.
   */
  onNotificationAction(handler: (action: NotificationAction) => void): void;
  /** False where this system shows no notifications, or refuses them now. */
  notificationsSupported(): boolean;
  /** Told when `notificationsSupported()` changes (the OS began or stopped refusing notifications). */
  onNotificationsSupportedChange(handler: () => void): void;
  /** Closes notifications about an order that no longer needs attention (acknowledged or no longer pending). */
  withdraw(orderId: string): void;
  /** Closes the health notice on screen. */
  withdrawHealth(): void;
  /** A main → renderer event (the adapter redacts it). */
  send<E extends keyof EventPayloads>(channel: E, payload: EventPayloads[E]): void;
  /** Shows and focuses the window, e.g. after a notification click. */
  showWindow(): void;
  /** Badge / overlay with the count; `flash` on a new order. */
  attention(count: number, flash: boolean): void;
  setWindowTitle(title: string): void;
  /** Registers (or removes) the app as a login item; an error when the OS or the file system refused. */
  applyStartAtLogin(enabled: boolean): Result<unknown>;
  /**
   * Holds `accelerator` as a global shortcut ('' = none), releasing the one held before; an error
   * when another app holds it. A press reaches the `onShortcut` handler.
   */
  setGlobalShortcut(accelerator: string): Result<unknown>;
  onShortcut(handler: () => void): void;
  /** Keeps the window above other windows (true) or lets it go (false). */
  setAlwaysOnTop(onTop: boolean): void;
  /**
   * Prints one order's slip: a hidden window loads the app's own slip page for the order, then
   * Electron prints it silently on `job.printer` ('' = the system default) at the paper width.
   * An error when the slip could not be built, the printer is not there or the print failed.
   */
  printSlip(job: SlipJob): Promise<Result<void>>;
  /** The printers this PC offers. */
  listPrinters(): Promise<Result<PrinterInfo[]>>;
  /**
   * Asks where to save (the OS's save dialog, which no script in the window can answer) and writes
   * `content` there; `file` is null when the person cancelled.
   */
  saveFile(request: SaveFileRequest): Promise<Result<{ file: string | null }>>;
}

/** A file main offers to save (the report's CSV). */
export interface SaveFileRequest {
  title: string;
  /** A file name; the dialog opens in the person's documents folder. */
  defaultName: string;
  filterName: string;
  extension: string;
  content: string;
}

/** One slip to print. */
export interface SlipJob {
  orderId: string;
  venueId: string;
  printer: string;
  paperWidthMm: 58 | 80;
}

/** What the tray's menu items do: the app's commands (compose.ts builds them). */
export interface TrayActions {
  open(): void;
  checkNow(): void;
  acknowledgeAll(): void;
  /** Pauses reminders and escalations for a stated time. */
  pauseAlerts(minutes: number): void;
  /** Silences every sound (at most 15 minutes). */
  muteAlerts(minutes: number): void;
  /** Ends a pause and a mute. */
  resumeAlerts(): void;
  setStartAtLogin(enabled: boolean): void;
  openLogFolder(): void;
  quit(): void;
}

/** The tray icon and menu, built by the desktop from the app's commands. */
export interface TrayPort {
  render(view: TrayView): void;
  destroy(): void;
}
