/**
 * One shared recording fake of the `electron` module (after electron/fiddle's tests/mocks). Unit
 * tests use it through `vi.mock('electron', () => import('../../mocks/electron'))`; the smoke run
 * resolves `electron` to it when it loads the built main bundle in plain Node. It records what the
 * app created and did, so tests assert on what a person would see: windows, notifications, tray,
 * messages to the renderer, links opened.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

export interface SentMessage {
  windowId: number;
  channel: string;
  payload: unknown;
}

class Recorder {
  windows: BrowserWindow[] = [];
  trays: Tray[] = [];
  notifications: Notification[] = [];
  menus: Menu[] = [];
  sent: SentMessage[] = [];
  openedExternal: string[] = [];
  openedPaths: string[] = [];
  badgeCounts: number[] = [];
  loginItemSettings: Record<string, unknown>[] = [];
  appUserModelIds: string[] = [];
  /** Every CLSID given to app.setToastActivatorCLSID, with the AppUserModelIDs set before it. */
  toastActivatorClsids: { clsid: string; appUserModelIdsBefore: number }[] = [];
  /** Ids passed to Notification.remove (macOS' Notification Center). */
  removedNotificationIds: string[] = [];
  /** Every activation the fake Windows delivered (Notification.activate). */
  activations: { arguments: string; type: string }[] = [];
  /** Every global shortcut registration asked for, and whether it was granted. */
  shortcutRegistrations: { accelerator: string; granted: boolean }[] = [];
  /** Options of every crashReporter.start. */
  crashReporterStarts: Record<string, unknown>[] = [];
  /** Paths set with app.setPath (name → value), besides userData. */
  paths: Record<string, string> = {};
  quitCalls = 0;
  /** Options of every native message box shown (questions main asks a person). */
  messageBoxes: Record<string, unknown>[] = [];
  saveDialogs: Record<string, unknown>[] = [];
  userDataDir = path.join(os.tmpdir(), 'clopos-notifier-fake-userdata');
  /** Every webContents.print: the window, the fragment its page was loaded with, and the options. */
  prints: { windowId: number; hash: string | null; options: Record<string, unknown> }[] = [];
  /** What getPrintersAsync answers. */
  printers: { name: string; displayName: string; description: string; isDefault: boolean }[] = [];
  /** Set: the next prints fail with this reason (as Electron's callback reports it). */
  printFailure: string | null = null;
  /**
   * The title the app's slip page sets once the slip is rendered (the fake runs no page): main's
   * printer waits for it. Null: the page never says it is ready.
   */
  slipPageTitle: string | null = 'slip-ready 640';

  reset(): void {
    this.prints = [];
    this.printers = [{ name: 'XP-80C', displayName: 'XPrinter 80 mm', description: '', isDefault: true }];
    this.printFailure = null;
    this.slipPageTitle = 'slip-ready 640';
    this.windows = [];
    this.trays = [];
    this.notifications = [];
    this.menus = [];
    this.sent = [];
    this.openedExternal = [];
    this.openedPaths = [];
    this.badgeCounts = [];
    this.loginItemSettings = [];
    this.appUserModelIds = [];
    this.toastActivatorClsids = [];
    this.removedNotificationIds = [];
    this.activations = [];
    this.shortcutRegistrations = [];
    this.crashReporterStarts = [];
    this.paths = {};
    Notification.activationHandler = null;
    Notification.refusal = null;
    globalShortcut.reset();
    this.quitCalls = 0;
    this.messageBoxes = [];
    this.saveDialogs = [];
    dialog.answers = [];
    dialog.savePaths = [];
    ipcMain.reset();
    app.reset();
    safeStorage.reset();
    powerMonitor.removeAllListeners();
  }
}

export const recorder = new Recorder();

let nextId = 1;

export class NativeImage {
  constructor(
    readonly source: { kind: 'buffer' | 'path' | 'empty'; bytes?: number; path?: string },
    private template = false,
  ) {}
  isEmpty(): boolean {
    return this.source.kind === 'empty';
  }
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  toPNG(): Buffer {
    return Buffer.alloc(0);
  }
  getSize(): { width: number; height: number } {
    return { width: 16, height: 16 };
  }
  resize(): NativeImage {
    return this;
  }
}

export const nativeImage = {
  createFromBuffer: (buffer: Buffer) => new NativeImage({ kind: 'buffer', bytes: buffer.length }),
  createFromPath: (p: string) => new NativeImage({ kind: 'path', path: p }),
  createFromDataURL: (url: string) => new NativeImage({ kind: 'buffer', bytes: url.length }),
  createEmpty: () => new NativeImage({ kind: 'empty' }),
};

export class WebFrameMain {
  constructor(
    readonly url: string,
    readonly parent: WebFrameMain | null = null,
  ) {}
}

/** Typed like Electron's handlers so code written against Electron's Session accepts this fake. */
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin?: string, details?: unknown) => boolean;

export class Session extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export const session = { defaultSession: new Session() };

export class WebContents extends EventEmitter {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  mainFrame = new WebFrameMain('file:///app/index.html');
  session = session.defaultSession;
  destroyed = false;
  constructor(readonly owner: BrowserWindow) {
    super();
  }
  send(channel: string, payload?: unknown): void {
    recorder.sent.push({ windowId: this.owner.id, channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  reloads = 0;
  reload(): void {
    this.reloads += 1;
    this.emit('did-finish-load');
  }
  setBackgroundThrottling(): void {}
  openDevTools(): void {}
  print(options: Record<string, unknown>, callback?: (success: boolean, failureReason: string) => void): void {
    recorder.prints.push({ windowId: this.owner.id, hash: this.owner.loadedHash, options });
    const failure = recorder.printFailure;
    setImmediate(() => callback?.(failure === null, failure ?? ''));
  }
  async getPrintersAsync(): Promise<typeof recorder.printers> {
    return recorder.printers.map((p) => ({ ...p }));
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return recorder.windows.filter((w) => !w.destroyed);
  }
  readonly id = nextId++;
  readonly webContents: WebContents;
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;
  loaded: { kind: 'file' | 'url'; target: string } | null = null;
  flashes: boolean[] = [];
  overlayIcons: (string | null)[] = [];
  title = '';
  alwaysOnTop = false;
  /** The fragment of the last loadFile (`{ hash }`), null when none. */
  loadedHash: string | null = null;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.webContents = new WebContents(this);
    this.visible = options.show !== false;
    recorder.windows.push(this);
  }
  async loadFile(file: string, options: { hash?: string } = {}): Promise<void> {
    this.loaded = { kind: 'file', target: file };
    this.loadedHash = options.hash ?? null;
    this.webContents.mainFrame = new WebFrameMain(`file://${file}${options.hash ? `#${options.hash}` : ''}`);
    this.webContents.emit('did-finish-load');
    // The app's slip page says when the slip is rendered through its title (the fake runs no page).
    const title = recorder.slipPageTitle;
    if (options.hash?.startsWith('print-slip?') && title !== null) {
      setImmediate(() => {
        if (!this.destroyed) this.emit('page-title-updated', { preventDefault: () => undefined }, title);
      });
    }
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    this.webContents.mainFrame = new WebFrameMain(url);
    this.webContents.emit('did-finish-load');
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setAlwaysOnTop(flag: boolean): void {
    this.alwaysOnTop = flag;
  }
  flashFrame(flag: boolean): void {
    this.flashes.push(flag);
  }
  setOverlayIcon(image: NativeImage | null, description: string): void {
    this.overlayIcons.push(image ? description : null);
  }
  setMenuBarVisibility(): void {}
  removeMenu(): void {}
  /** Like Electron: `close` is cancellable; if not prevented the window is destroyed. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  image: NativeImage | string;
  tooltip = '';
  title = '';
  menu: Menu | null = null;
  destroyed = false;
  images: (NativeImage | string)[] = [];
  constructor(image: NativeImage | string) {
    super();
    this.image = image;
    this.images.push(image);
    recorder.trays.push(this);
  }
  setImage(image: NativeImage | string): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface MenuItemOptions {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (...args: unknown[]) => unknown;
  submenu?: MenuItemOptions[];
  role?: string;
  id?: string;
}

export class Menu {
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    const menu = new Menu(template);
    recorder.menus.push(menu);
    return menu;
  }
  static setApplicationMenu(): void {}
  constructor(readonly items: MenuItemOptions[]) {}
  /** Test helper: the item whose label (at any depth) matches. */
  find(label: string | RegExp): MenuItemOptions | undefined {
    const walk = (items: MenuItemOptions[]): MenuItemOptions | undefined => {
      for (const item of items) {
        const hit = typeof label === 'string' ? item.label === label : label.test(item.label ?? '');
        if (hit) return item;
        const inner = item.submenu ? walk(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(this.items);
  }
}

export class Notification extends EventEmitter {
  static supported = true;
  /** Test helper: while set, the OS refuses every notification ('failed' with this error instead of 'show'). */
  static refusal: string | null = null;
  static isSupported(): boolean {
    return Notification.supported;
  }
  static activationHandler: ((details: { arguments: string; type: string; actionIndex?: number }) => void) | null = null;
  /** Windows: the one callback for every toast activation. */
  static handleActivation(callback: (details: { arguments: string; type: string; actionIndex?: number }) => void): void {
    Notification.activationHandler = callback;
  }
  /** macOS: takes delivered notifications out of Notification Center. */
  static remove(id: string | string[]): void {
    recorder.removedNotificationIds.push(...(Array.isArray(id) ? id : [id]));
  }
  /**
   * Test helper: what Windows does when a person clicks a toast or one of its buttons — the
   * activation carries the `arguments` of what was clicked (the toast's `launch` or the button's).
   */
  static activate(args: string, type: 'click' | 'action' = 'action'): void {
    recorder.activations.push({ arguments: args, type });
    Notification.activationHandler?.({ arguments: args, type });
  }
  shown = false;
  closed = false;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    recorder.notifications.push(this);
  }
  get title(): string {
    return String(this.options.title ?? '');
  }
  get body(): string {
    return String(this.options.body ?? '');
  }
  /** Replaced by a later notification with the same id (what Windows and macOS do), not closed by the app. */
  replaced = false;
  /** How often the app called close() on it. */
  closeCalls = 0;
  show(): void {
    // Windows (the toast's Tag) and macOS (the identifier) replace a notification with the same id.
    if (this.id) {
      for (const other of recorder.notifications) {
        if (other === this || !other.shown || other.closed || other.id !== this.id) continue;
        other.replaced = true;
        other.closed = true;
      }
    }
    if (Notification.refusal !== null) {
      this.emit('failed', {}, Notification.refusal);
      return;
    }
    this.shown = true;
    this.emit('show');
  }
  close(): void {
    this.closeCalls += 1;
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
  get id(): string {
    return String(this.options.id ?? '');
  }
  get toastXml(): string | undefined {
    return this.options.toastXml as string | undefined;
  }
  get actions(): { type: string; text: string }[] {
    return (this.options.actions as { type: string; text: string }[] | undefined) ?? [];
  }
  /** Test helper: what the OS does when the person clicks the notification. */
  click(): void {
    this.emit('click');
  }
  /** Test helper (macOS): the person pressed the action button at `index`. */
  pressAction(index: number): void {
    this.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
  }
}

/** Electron's globalShortcut: `taken` holds accelerators another app already has. */
class FakeGlobalShortcut {
  taken = new Set<string>();
  held = new Map<string, () => void>();
  register(accelerator: string, callback: () => void): boolean {
    const granted = !this.taken.has(accelerator) && !this.held.has(accelerator);
    recorder.shortcutRegistrations.push({ accelerator, granted });
    if (granted) this.held.set(accelerator, callback);
    return granted;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
  unregisterAll(): void {
    this.held.clear();
  }
  isRegistered(accelerator: string): boolean {
    return this.held.has(accelerator);
  }
  /** Test helper: the person pressed the keys. */
  press(accelerator: string): boolean {
    const callback = this.held.get(accelerator);
    callback?.();
    return callback !== undefined;
  }
  reset(): void {
    this.taken.clear();
    this.held.clear();
  }
}
export const globalShortcut = new FakeGlobalShortcut();

export const crashReporter = {
  start(options: Record<string, unknown>): void {
    recorder.crashReporterStarts.push(options);
  },
};

/** What Electron passes an invoke handler first (the parts the app reads). */
export interface FakeInvokeEvent {
  sender: WebContents | undefined;
  senderFrame: WebFrameMain | null;
}
type IpcHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
  /** Test helper: invoke a handler as if `sender`'s frame called ipcRenderer.invoke. */
  async invoke(channel: string, payload: unknown, sender?: { webContents: WebContents; frame?: WebFrameMain }): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const webContents = sender?.webContents ?? BrowserWindow.getAllWindows()[0]?.webContents;
    const frame = sender?.frame ?? webContents?.mainFrame ?? null;
    return handler({ sender: webContents, senderFrame: frame }, payload);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeApp extends EventEmitter {
  ready = false;
  packaged = false;
  singleInstance = true;
  badge = 0;
  version = '0.0.0-test';
  loginItem: Record<string, unknown> = { openAtLogin: false };
  commandLineSwitches: string[] = [];
  readonly commandLine = {
    appendSwitch: (name: string) => {
      this.commandLineSwitches.push(name);
    },
    hasSwitch: (name: string) => this.commandLineSwitches.includes(name),
  };
  get isPackaged(): boolean {
    return this.packaged;
  }
  reset(): void {
    this.ready = false;
    this.singleInstance = true;
    this.badge = 0;
    this.loginItem = { openAtLogin: false };
    this.commandLineSwitches = [];
    this.removeAllListeners();
  }
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.once('ready', () => resolve()));
  }
  /** Test helper: what Electron does once it has started. */
  markReady(): void {
    this.ready = true;
    this.emit('ready');
  }
  getPath(name: string): string {
    if (recorder.paths[name]) return recorder.paths[name];
    return path.join(recorder.userDataDir, name === 'userData' ? '' : name);
  }
  setPath(name: string, value: string): void {
    if (name === 'userData') recorder.userDataDir = value;
    else recorder.paths[name] = value;
  }
  getName(): string {
    return 'Clopos Order Notifier';
  }
  getVersion(): string {
    return this.version;
  }
  getLocale(): string {
    return 'en-US';
  }
  setAppUserModelId(id: string): void {
    recorder.appUserModelIds.push(id);
  }
  setToastActivatorCLSID(clsid: string): void {
    recorder.toastActivatorClsids.push({ clsid, appUserModelIdsBefore: recorder.appUserModelIds.length });
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  setBadgeCount(count?: number): boolean {
    this.badge = count ?? 0;
    recorder.badgeCounts.push(this.badge);
    return true;
  }
  getBadgeCount(): number {
    return this.badge;
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    this.loginItem = { ...this.loginItem, ...settings };
    recorder.loginItemSettings.push(settings);
  }
  getLoginItemSettings(): Record<string, unknown> {
    return this.loginItem;
  }
  quit(): void {
    recorder.quitCalls += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.emit('quit');
  }
  exit(): void {
    this.emit('quit');
  }
  focus(): void {}
  readonly dock = { setBadge: () => undefined, hide: () => undefined, show: () => undefined };
}
export const app = new FakeApp();

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Reversible stand-in for OS encryption: the bytes differ from the plain text so tests can check. */
class FakeSafeStorage {
  available = true;
  backend: Backend = 'gnome_libsecret';
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
  }
  private encode(plain: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('base64').split('').reverse().join('')}`);
  }
  private decode(buffer: Buffer): string {
    const text = buffer.toString('utf8');
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(4).split('').reverse().join(''), 'base64').toString('utf8');
  }
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  getSelectedStorageBackend(): Backend {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return this.encode(plain);
  }
  decryptString(buffer: Buffer): string {
    return this.decode(buffer);
  }
  async encryptStringAsync(plain: string): Promise<Buffer> {
    return this.encryptString(plain);
  }
  async decryptStringAsync(buffer: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    return { shouldReEncrypt: false, result: this.decode(buffer) };
  }
}
export const safeStorage = new FakeSafeStorage();

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorder.openedExternal.push(url);
  },
  async openPath(p: string): Promise<string> {
    recorder.openedPaths.push(p);
    return '';
  },
  showItemInFolder(p: string): void {
    recorder.openedPaths.push(p);
  },
};

class FakePowerMonitor extends EventEmitter {
  getSystemIdleTime(): number {
    return 0;
  }
}
export const powerMonitor = new FakePowerMonitor();

export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
  },
};

export const dialog = {
  /**
   * Records the question and answers with the next scripted button index (`dialog.answers`), or
   * with the cancel button when nothing was scripted: a test that expects a yes must say so.
   */
  async showMessageBox(parent: unknown, options?: Record<string, unknown>): Promise<{ response: number }> {
    const asked = (options ?? parent) as Record<string, unknown>;
    recorder.messageBoxes.push(asked);
    const scripted = dialog.answers.shift();
    return { response: scripted ?? (typeof asked.cancelId === 'number' ? asked.cancelId : 0) };
  },
  answers: [] as number[],
  /**
   * Records the save dialog's options and answers with the next scripted path (`dialog.savePaths`),
   * or as cancelled when nothing was scripted.
   */
  async showSaveDialog(parent: unknown, options?: Record<string, unknown>): Promise<{ canceled: boolean; filePath?: string }> {
    recorder.saveDialogs.push((options ?? parent) as Record<string, unknown>);
    const path = dialog.savePaths.shift();
    return path === undefined ? { canceled: true } : { canceled: false, filePath: path };
  },
  savePaths: [] as string[],
  showErrorBox(): void {},
};

export const screen = {
  getPrimaryDisplay: () => ({ workAreaSize: { width: 1920, height: 1080 } }),
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invocations: { channel: string; payload: unknown }[] = [];
  invokeImpl: (channel: string, payload: unknown) => Promise<unknown> = async () => ({ ok: true, value: undefined });
  async invoke(channel: string, payload?: unknown): Promise<unknown> {
    this.invocations.push({ channel, payload });
    return this.invokeImpl(channel, payload);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

const electron = {
  app,
  BrowserWindow,
  Tray,
  Menu,
  Notification,
  globalShortcut,
  crashReporter,
  nativeImage,
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  shell,
  powerMonitor,
  net,
  dialog,
  screen,
  session,
};
export default electron;
