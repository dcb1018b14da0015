/**
 * The app's log: electron-log writing a rotating file in the user-data logs folder, which the
 * installer opens from the tray or the settings screen when something breaks. Every line passes
 * through the redactor first, on every transport, so no secret or token reaches the file or the
 * console whatever a caller hands in (strings, objects, errors with stacks).
 *
 * electron-log's Node entry is used on purpose: the Electron entry also opens IPC channels for
 * renderer logging, which this app does not want outside its contract.
 */
import electronLog from 'electron-log/node';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { appError, err, ok, type Result } from '../../common/result';
import type { Redactor } from '../redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppLoggerOptions {
  /** The composition root passes `app.getPath('logs')`; created (with its parents) when missing. */
  folder: string;
  redactor: Redactor;
  fileName?: string;
  /** Rotate when the file grows past this; default 1 MB. */
  maxBytes?: number;
  /** Rotated files kept (main.1.log … main.N.log); default 3. */
  archives?: number;
  /** Lowest level written; default 'info'. */
  level?: LogLevel;
  /** Also print to stdout (development); default false. */
  console?: boolean;
}

export interface AppLogger {
  readonly folder: string;
  readonly file: string;
  /** Same shape as the engine's and the Clopos client's `log` port. */
  log(level: LogLevel, message: string): void;
  debug(...items: unknown[]): void;
  info(...items: unknown[]): void;
  warn(...items: unknown[]): void;
  error(...items: unknown[]): void;
}

/**
 * main.log → main.1.log → main.2.log …, dropping the oldest beyond `archives`. Synchronous, as
 * electron-log requires of its archive hook.
 */
export function rotateLogFile(file: string, archives: number): void {
  const { dir, name, ext } = path.parse(file);
  const archive = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  fs.rmSync(archive(archives), { force: true });
  for (let n = archives - 1; n >= 1; n -= 1) {
    if (fs.existsSync(archive(n))) fs.renameSync(archive(n), archive(n + 1));
  }
  fs.renameSync(file, archive(1));
}

const asText = (item: unknown): string =>
  typeof item === 'string' ? item : inspect(item, { depth: 5, breakLength: Number.POSITIVE_INFINITY });

let loggers = 0;

export function createAppLogger(options: AppLoggerOptions): AppLogger {
  const fileName = options.fileName ?? 'main.log';
  const file = path.join(options.folder, fileName);
  const archives = options.archives ?? 3;
  // The folder exists from the start, so "open log folder" works before the first line; electron-log
  // would only make it at the first write, with default permissions. Only this user may list it.
  fs.mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  loggers += 1;
  const logger = electronLog.create({ logId: `clopos-notifier-${loggers}` });

  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  // Only this user may read the log: it names the brand, venues and customers of orders.
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.file.level = options.level ?? 'info';
  logger.transports.file.archiveLogFn = (current) => {
    try {
      rotateLogFile(current.path, archives);
    } catch {
      // Rotation can fail on Windows while another program holds the file; starting the file over
      // keeps the size bounded.
      current.clear();
    }
  };
  logger.transports.console.level = options.console ? (options.level ?? 'info') : false;
  // The IPC transport exists only inside Electron (electron-log leaves it out in plain Node).
  if (logger.transports.ipc) logger.transports.ipc.level = false;
  logger.transports.remote.level = false;

  logger.hooks.push((message) => ({
    ...message,
    data: message.data.map((item) => options.redactor.redact(asText(item))),
  }));

  return {
    folder: options.folder,
    file,
    log: (level, message) => logger[level](message),
    debug: (...items) => logger.debug(...items),
    info: (...items) => logger.info(...items),
    warn: (...items) => logger.warn(...items),
    error: (...items) => logger.error(...items),
  };
}

/** The part of Electron's shell used to show the log folder. */
export interface FolderOpener {
  openPath(path: string): Promise<string>;
}

/** Opens the log folder in the system file manager (creating it first if nothing was logged yet). */
export async function openLogFolder(shell: FolderOpener, folder: string): Promise<Result<void>> {
  try {
    fs.mkdirSync(folder, { recursive: true });
    const failure = await shell.openPath(folder);
    if (failure) return err(appError('internal', `The log folder could not be opened: ${failure}. It is ${folder}`));
    return ok(undefined);
  } catch {
    return err(appError('internal', `The log folder could not be opened. It is ${folder}`));
  }
}
