/** The alarm's global shortcut over the recording fake of Electron's globalShortcut. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createGlobalShortcut } from '../../../main/desktop/global-shortcut';
import { globalShortcut, recorder } from '../../mocks/electron';

beforeEach(() => recorder.reset());

describe('global shortcut', () => {
  it('holds the set shortcut, and a press anywhere reaches the handler', () => {
    const shortcut = createGlobalShortcut(globalShortcut);
    let presses = 0;
    shortcut.onPress(() => (presses += 1));
    expect(shortcut.set('CommandOrControl+Shift+F9').ok).toBe(true);
    expect(globalShortcut.press('CommandOrControl+Shift+F9')).toBe(true);
    expect(presses).toBe(1);
  });

  it('a shortcut another app holds is refused with a message that says so; nothing is held', () => {
    globalShortcut.taken.add('Ctrl+Alt+A');
    const shortcut = createGlobalShortcut(globalShortcut);
    const refused = shortcut.set('Ctrl+Alt+A');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toBe(
      'The shortcut Ctrl+Alt+A is already used by another app on this PC, so it would not stop the alarm; choose another in Settings.',
    );
    expect(globalShortcut.held.size).toBe(0);
  });

  it('changing it releases the old one; clearing it and quitting release it too', () => {
    const shortcut = createGlobalShortcut(globalShortcut);
    shortcut.set('F9');
    shortcut.set('F10');
    expect([...globalShortcut.held.keys()]).toEqual(['F10']);
    shortcut.set('');
    expect(globalShortcut.held.size).toBe(0);
    shortcut.set('F11');
    shortcut.release();
    expect(globalShortcut.held.size).toBe(0);
    expect(recorder.shortcutRegistrations.map((r) => r.accelerator)).toEqual(['F9', 'F10', 'F11']);
  });

  it('an accelerator Electron cannot parse is an error, not a crash', () => {
    const shortcut = createGlobalShortcut({
      register: () => {
        throw new Error('conversion failure');
      },
      unregister: () => undefined,
    });
    const result = shortcut.set('Super+num0');
    expect(!result.ok && result.error.message).toMatch(/Super\+num0 is not one this system accepts \(conversion failure\)/);
  });
});
