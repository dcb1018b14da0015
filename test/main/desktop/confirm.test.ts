import { beforeEach, describe, expect, it } from 'vitest';
import { createConfirm } from '../../../main/desktop/confirm';
import { BrowserWindow, dialog, recorder } from '../../mocks/electron';

const question = { title: 'Reject?', message: 'Reject order A-1?', detail: 'Cannot be undone.', confirm: 'Reject', cancel: 'Keep it' };

describe('native confirmation', () => {
  beforeEach(() => recorder.reset());

  it('asks in a dialog of the window with "no" as the default and for Escape', async () => {
    const window = new BrowserWindow({});
    const confirm = createConfirm({ showMessageBox: (parent, options) => dialog.showMessageBox(parent, options) }, () => window);
    expect(await confirm(question)).toBe(false);
    expect(recorder.messageBoxes).toEqual([
      expect.objectContaining({ type: 'warning', message: 'Reject order A-1?', buttons: ['Reject', 'Keep it'], defaultId: 1, cancelId: 1, noLink: true }),
    ]);
  });

  it('is yes only when the person picks the confirming button', async () => {
    const confirm = createConfirm({ showMessageBox: (parent, options) => dialog.showMessageBox(parent, options) }, () => new BrowserWindow({}));
    dialog.answers.push(0, 1);
    expect(await confirm(question)).toBe(true);
    expect(await confirm(question)).toBe(false);
  });
});
