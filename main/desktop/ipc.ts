/**
 * The main-process side of the IPC contract (common/contract.ts). Every renderer → main channel
 * goes through one wrapper that (1) refuses any sender other than the top frame of one of the
 * app's own windows showing the app's own page, (2) validates the payload with the channel's zod
 * schema, and (3) passes the handler's `Result` on, redacted — the renderer never sees an
 * exception, a stack trace, or a secret. A handler that throws has a bug: the renderer gets
 * `internal` and the log gets the details. Sender check after microsoft/vscode's validated ipcMain.
 */
import {
  invokeChannels,
  type EventChannel,
  type EventPayloads,
  type InvokeChannel,
  type InvokeHandlers,
} from '../../common/contract';
import { appError, type AppError, type Result } from '../../common/result';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the wrapper reads. */
export interface InvokeEvent {
  readonly sender: unknown;
  readonly senderFrame: SenderFrame | null;
}

export type SenderCheck = (event: InvokeEvent) => boolean;

/** The parts of Electron's ipcMain the wrapper uses. */
export interface InvokeRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface SenderCheckOptions {
  /** The app's windows right now (`BrowserWindow.getAllWindows`). */
  windows: () => readonly { readonly webContents: unknown }[];
  /** Whether a URL is the app's own page (security.ts `createAppUrlCheck`). */
  isAppUrl: (url: string) => boolean;
}

/**
 * Trusted = the message comes from the main frame (not an iframe) of a window the app created,
 * and that frame shows the app's own page. An injected iframe, a window a library opened, or the
 * app's window after it was somehow navigated elsewhere is refused.
 */
export function createSenderCheck(options: SenderCheckOptions): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!options.windows().some((window) => window.webContents === event.sender)) return false;
    return options.isAppUrl(frame.url);
  };
}

function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.stack ?? `${thrown.name}: ${thrown.message}`;
  return typeof thrown === 'string' ? thrown : 'a non-Error value';
}

function describeFrame(frame: SenderFrame | null): string {
  if (!frame) return 'no frame';
  try {
    return `${frame.parent === null ? 'main frame' : 'sub-frame'} of ${new URL(frame.url).origin}`;
  } catch {
    return 'a frame with an unreadable URL';
  }
}

/** The app's one redactor (main/redact.ts), as the IPC adapters use it. */
export interface DeepRedactor {
  redactDeep<T>(value: T): T;
}

const NO_REDACTION: DeepRedactor = { redactDeep: (value) => value };

export interface InvokeOptions {
  /** Receives refusals and internal errors; the app logger redacts secrets on its own. */
  log?: (level: 'warn' | 'error', message: string) => void;
  /**
   * Applied to every reply sent to the renderer, values and errors alike: server text inside a
   * snapshot or a connection check can echo a secret in any spelling.
   */
  redactor?: DeepRedactor;
}

/**
 * Registers a handler for every channel of the contract. `handlers` must have one entry per
 * channel (a missing one does not compile). Returns a function that removes them all again.
 */
export function registerInvokeHandlers(
  ipcMain: InvokeRegistrar,
  handlers: InvokeHandlers,
  isTrustedSender: SenderCheck,
  options: InvokeOptions = {},
): () => void {
  const log = options.log ?? (() => undefined);
  const redactor = options.redactor ?? NO_REDACTION;
  const fail = (error: AppError): Result<never> => redactor.redactDeep({ ok: false, error });
  const channels = Object.keys(invokeChannels) as InvokeChannel[];

  for (const channel of channels) {
    // The table is keyed by the same channel, so the handler takes this channel's request; TypeScript
    // cannot follow that through the loop variable.
    const handler = handlers[channel] as (request: unknown) => Promise<Result<unknown>>;
    if (typeof handler !== 'function') throw new TypeError(`No IPC handler for ${channel}`);
    const schema = invokeChannels[channel].request;

    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) {
        log('warn', `Refused ${channel} from ${describeFrame(event.senderFrame)}`);
        return fail(appError('forbidden', 'This request did not come from the app window and was refused.'));
      }
      // One payload at most: the bridge never sends more, so extra arguments mean a forged call.
      const parsed = args.length > 1 ? null : schema.safeParse(args[0]);
      if (!parsed || !parsed.success) {
        const details = parsed
          ? parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ')
          : 'too many arguments';
        log('warn', `Invalid ${channel} request: ${details}`);
        return fail(appError('invalid-request', `The request was not valid (${details}).`));
      }
      try {
        return redactor.redactDeep(await handler(parsed.data));
      } catch (thrown) {
        log('error', `${channel} failed: ${describeThrown(thrown)}`);
        return fail(appError('internal', 'Something went wrong inside the app. The details are in the log.'));
      }
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** The parts of Electron's WebContents needed to send it an event. */
export interface EventReceiver {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Sends a main → renderer event of the contract, redacted; false when the window is already gone. */
export function sendEvent<E extends EventChannel>(
  receiver: EventReceiver,
  channel: E,
  payload: EventPayloads[E],
  redactor: DeepRedactor = NO_REDACTION,
): boolean {
  if (receiver.isDestroyed()) return false;
  receiver.send(channel, redactor.redactDeep(payload));
  return true;
}

/** The part of Electron's ipcMain used to remove listeners that libraries add. */
export interface ListenerRegistry {
  removeAllListeners(channel: string): unknown;
}

/**
 * electron-store answers a synchronous `electron-store-get-data` message from any renderer (with the
 * user-data path and app version) so it can be used in a renderer; this app never does that, so the
 * listener is removed and no channel outside the contract stays open. Call after the stores exist.
 */
export const LIBRARY_IPC_CHANNELS = ['electron-store-get-data'] as const;
export function closeLibraryChannels(ipcMain: ListenerRegistry): void {
  for (const channel of LIBRARY_IPC_CHANNELS) ipcMain.removeAllListeners(channel);
}
