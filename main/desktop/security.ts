/**
 * The renderer is treated as untrusted: it shows data that came from the network (customer names,
 * addresses, comments), so a single injection must not turn into code running with the user's
 * rights. These are the window settings and per-webContents guards that keep it boxed in. Each is
 * asserted by test/main/desktop/security.test.ts and described in docs/security.md.
 */
import type { WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';
import { openExternalUrl, type ExternalOpener } from './external-links';

/** Returned as an exact literal type so callers (and tests) see each flag's value, not just `boolean`. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // The alarm is played by the renderer; a hidden or minimised window must keep its timers and
    // audio running at full speed or an order goes unheard.
    backgroundThrottling: false,
    // The alarm has to sound when an order arrives, not only after someone clicked the window.
    autoplayPolicy: 'no-user-gesture-required',
  } as const satisfies WebPreferences;
}

export interface AppLocation {
  /** Absolute path of the built renderer's index.html (production). */
  rendererIndexFile: string;
  /** The Vite dev server address during development; null in production. */
  devServerUrl: string | null;
}

/**
 * Whether a URL is the app's own page: exactly the renderer's index.html file, or (in
 * development) any page of the dev server's origin. Query and hash do not matter; anything else
 * — another file, another host, `about:blank`, an unparsable string — is foreign.
 */
export function createAppUrlCheck(location: AppLocation): (url: string) => boolean {
  const indexUrl = pathToFileURL(location.rendererIndexFile);
  const devOrigin = location.devServerUrl ? new URL(location.devServerUrl).origin : null;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'file:') {
      return parsed.host === '' && parsed.pathname === indexUrl.pathname;
    }
    return devOrigin !== null && devOrigin !== 'null' && parsed.origin === devOrigin;
  };
}

export interface NavigationEvent {
  url: string;
  isSameDocument: boolean;
  preventDefault(): void;
}

type PermissionCallback = (granted: boolean) => void;

/** The part of Electron's Session the guards use. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: PermissionCallback) => void) | null): void;
  setPermissionCheckHandler(handler: (() => boolean) | null): void;
}

/** The part of Electron's WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void;
  readonly session: GuardedSession;
}

export interface GuardOptions {
  /** Receives `http(s)` links the page tried to open in a new window. */
  shell: ExternalOpener;
  /** Told about every blocked attempt (never with page content beyond the URL). */
  log?: (message: string) => void;
}

/** Deny every permission (camera, microphone, notifications, geolocation, clipboard, …): the app needs none. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Only the origin is logged: a blocked URL may carry a token in its query. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol} URL` : parsed.origin;
  } catch {
    return 'an unreadable URL';
  }
}

export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  const log = options.log ?? (() => undefined);
  const blockNavigation = (kind: string) => (details: NavigationEvent) => {
    // In-page navigation (a hash change) never leaves the app's page.
    if (details.isSameDocument) return;
    details.preventDefault();
    log(`Blocked ${kind} to ${describeUrl(details.url)}`);
  };
  contents.on('will-navigate', blockNavigation('navigation'));
  contents.on('will-frame-navigate', blockNavigation('frame navigation'));
  contents.on('will-redirect', blockNavigation('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // A web link the page wanted in a new window goes to the browser, through the one checked opener.
    if (/^https?:/i.test(url)) {
      void openExternalUrl(url, options.shell).then((result) => {
        if (!result.ok) log(`Refused to open ${describeUrl(url)}: ${result.error.message}`);
      });
    } else {
      log(`Blocked a new window for ${describeUrl(url)}`);
    }
    return { action: 'deny' };
  });
  denyAllPermissions(contents.session);
}

/** The part of Electron's App the guards use. */
export interface GuardedApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/** Guards every webContents the app ever creates (windows, devtools, anything a library opens). */
export function installWebContentsGuards(app: GuardedApp, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}
