/**
 * Start at login on Linux: a real XDG autostart file in a temporary home, checked with
 * `desktop-file-validate` from Debian's desktop-file-utils (installed by .ci/run).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setStartAtLogin } from '../../../main/desktop/lifecycle';
import { AUTOSTART_FILE, autostartDir, execArgument } from '../../../main/desktop/xdg-autostart';
import { desktopFileValidate } from '../../desktop-file-validate';
import { app, recorder } from '../../mocks/electron';

const dirs: string[] = [];
const tempHome = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'autostart-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What a desktop session would run: the Exec value, unescaped once for the file's string syntax. */
function execOf(file: string): string {
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('Exec='))!;
  return line.slice('Exec='.length).replace(/\\\\/g, '\\');
}

describe('start at login on Linux (XDG autostart)', () => {
  it('writes a valid entry that starts the app hidden, and removes it when turned off', () => {
    const home = tempHome();
    const place = { platform: 'linux' as const, linux: { env: {}, home, execPath: '/opt/Clopos Order Notifier/clopos-order-notifier', name: 'Clopos Order Notifier' } };
    expect(setStartAtLogin(app, true, place)).toMatchObject({ ok: true });
    const file = path.join(home, '.config', 'autostart', AUTOSTART_FILE);
    expect(existsSync(file)).toBe(true);
    desktopFileValidate(file);
    expect(execOf(file)).toBe('"/opt/Clopos Order Notifier/clopos-order-notifier" --hidden');
    // Electron's login items do nothing on Linux and are not used there.
    expect(recorder.loginItemSettings).toEqual([]);

    expect(setStartAtLogin(app, false, place)).toMatchObject({ ok: true });
    expect(existsSync(file)).toBe(false);
    // Turning off what is already off is fine.
    expect(setStartAtLogin(app, false, place)).toMatchObject({ ok: true });
  });

  it('honours XDG_CONFIG_HOME (absolute only) and starts an AppImage from its file, not its mount', () => {
    const home = tempHome();
    const config = path.join(home, 'elsewhere');
    expect(autostartDir({ XDG_CONFIG_HOME: config }, home)).toBe(path.join(config, 'autostart'));
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative/dir' }, home)).toBe(path.join(home, '.config', 'autostart'));
    const env = { XDG_CONFIG_HOME: config, APPIMAGE: `${home}/Downloads/Clopos-Order-Notifier-1.2.0.AppImage` };
    const place = { platform: 'linux' as const, linux: { env, home, execPath: '/tmp/.mount_Clopos123/clopos-order-notifier', name: 'Clopos Order Notifier' } };
    expect(setStartAtLogin(app, true, place)).toMatchObject({ ok: true });
    const file = path.join(config, 'autostart', AUTOSTART_FILE);
    desktopFileValidate(file);
    expect(execOf(file)).toBe(`${home}/Downloads/Clopos-Order-Notifier-1.2.0.AppImage --hidden`);
    // A new download under another name: the next start rewrites the entry to it.
    env.APPIMAGE = `${home}/Downloads/Clopos-Order-Notifier-1.3.0.AppImage`;
    setStartAtLogin(app, true, place);
    expect(execOf(file)).toBe(`${home}/Downloads/Clopos-Order-Notifier-1.3.0.AppImage --hidden`);
  });

  it('quotes a hostile path so it stays one argument, and the entry stays valid', () => {
    const home = tempHome();
    const execPath = '/opt/a b/$HOME `id` "q" 100%\\x/app';
    const place = { platform: 'linux' as const, linux: { env: {}, home, execPath, name: 'Clopos\nOrder Notifier' } };
    expect(setStartAtLogin(app, true, place)).toMatchObject({ ok: true });
    const file = path.join(home, '.config', 'autostart', AUTOSTART_FILE);
    desktopFileValidate(file);
    expect(readFileSync(file, 'utf8')).toContain('Name=Clopos Order Notifier\n');
    expect(execArgument('--hidden')).toBe('--hidden');
    expect(execOf(file)).toBe('"/opt/a b/\\$HOME \\`id\\` \\"q\\" 100%%\\\\x/app" --hidden');
  });

  it('says so when the entry cannot be written, instead of failing quietly', () => {
    const home = tempHome();
    // A file where the config folder should be.
    const place = { platform: 'linux' as const, linux: { env: { XDG_CONFIG_HOME: path.join(home, 'file') }, home, execPath: '/opt/app', name: 'X' } };
    writeFileSync(path.join(home, 'file'), 'not a folder');
    const result = setStartAtLogin(app, true, place);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('Could not write the autostart entry');
  });
});
