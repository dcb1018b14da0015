/**
 * Start at login on Linux: Electron's setLoginItemSettings does nothing there, so the app writes an
 * XDG autostart entry (freedesktop "Desktop Application Autostart Specification"):
 * `$XDG_CONFIG_HOME/autostart/<id>.desktop`, `~/.config/autostart` when XDG_CONFIG_HOME is unset
 * or not absolute. Turning it off removes the entry.
 *
 * An AppImage runs from a temporary mount: the entry must start the AppImage file itself
 * (`$APPIMAGE`), and when a new download replaces it under another name the entry would point at
 * the old file — so the app rewrites the entry at every start while the setting is on.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, appError, type Result } from '../../common/result';

export const AUTOSTART_FILE = 'clopos-order-notifier.desktop';

export interface AutostartTarget {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** The running executable (process.execPath); an AppImage's `$APPIMAGE` wins over it. */
  execPath: string;
  /** Arguments for a start at login (the hidden flag). */
  args: readonly string[];
  name: string;
}

/** Where the entry lives: `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart`. */
export function autostartDir(env: AutostartTarget['env'], home: string): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && path.isAbsolute(configHome) ? configHome : path.join(home, '.config');
  return path.join(base, 'autostart');
}

/**
 * One argument of an Exec key: quoted when it holds anything but plain characters, with `"`, `` ` ``,
 * `$` and `\` escaped inside the quotes; `%` doubled (field codes). Then escaped once more for
 * the desktop file's string syntax (a backslash is written `\\`).
 */
export function execArgument(arg: string): string {
  const plain = /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg);
  const quoted = plain ? arg : `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

/** A line of text safe for a desktop-file value: no control characters, no line breaks. */
const oneLine = (text: string): string =>
  [...text]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .trim();

export function desktopEntry(target: AutostartTarget): string {
  const program = target.env.APPIMAGE && path.isAbsolute(target.env.APPIMAGE) ? target.env.APPIMAGE : target.execPath;
  const exec = [program, ...target.args].map(execArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${oneLine(target.name)}`,
    'Comment=Notifies the counter of pending Clopos orders',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes (atomically) or removes the autostart entry. */
export function setXdgAutostart(enabled: boolean, target: AutostartTarget): Result<string> {
  const dir = autostartDir(target.env, target.home);
  const file = path.join(dir, AUTOSTART_FILE);
  try {
    if (!enabled) {
      rmSync(file, { force: true });
      return ok(file);
    }
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, desktopEntry(target), { mode: 0o644 });
    renameSync(temp, file);
    return ok(file);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return err(appError('internal', `Could not ${enabled ? 'write' : 'remove'} the autostart entry ${file}: ${message}`));
  }
}
