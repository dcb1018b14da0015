import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../main/desktop/security';
import { createMainWindow, hideOnClose, MIN_HEIGHT, MIN_WIDTH, showAndFocus, showAttention } from '../../../main/desktop/window';
import { app, BrowserWindow, recorder } from '../../mocks/electron';

const preload = path.resolve('dist/preload/index.cjs');

function make(show = true, demo = false) {
  return createMainWindow(BrowserWindow, { webPreferences: secureWebPreferences(preload), htmlPath: 'x', demo, show });
}

describe('main window', () => {
  beforeEach(() => recorder.reset());

  it('is sandboxed with the security preferences, never throttled, and at least 1024×768', () => {
    const win = make();
    expect(win.options).toMatchObject({ minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT, show: true });
    expect(MIN_WIDTH).toBe(1024);
    expect(MIN_HEIGHT).toBe(768);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('starts hidden for --hidden and says DEMO in the title in demo mode, also after the page sets its title', () => {
    const win = make(false, true);
    expect(win.visible).toBe(false);
    expect(win.options.title).toMatch(/DEMO/);
    let prevented = false;
    win.emit('page-title-updated', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('hides instead of closing until the app really quits', () => {
    const win = make();
    let quitting = false;
    hideOnClose(win, () => quitting);
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.isVisible()).toBe(false);
    quitting = true;
    win.close();
    expect(win.isDestroyed()).toBe(true);
  });

  it('comes forward shown and focused, even from minimised', () => {
    const win = make(false);
    win.minimized = true;
    showAndFocus(win);
    expect([win.isVisible(), win.isFocused(), win.isMinimized()]).toEqual([true, true, false]);
  });

  it('sets the badge count, the Windows overlay and flashes on a new order', () => {
    const win = make();
    const overlay = () => ({ image: true });
    showAttention(win, app, { count: 2, flash: true, platform: 'win32', overlay });
    showAttention(win, app, { count: 0, flash: false, platform: 'win32', overlay });
    showAttention(win, app, { count: 1, flash: false, platform: 'linux', overlay });
    expect(recorder.badgeCounts).toEqual([2, 0, 1]);
    expect(win.overlayIcons).toEqual(['2 orders waiting', null]);
    expect(win.flashes).toEqual([true]);
  });
});
