/**
 * Questions only a person at the PC can answer: a native message box shown by main. The window
 * shows network data and is treated as untrusted; no script in it can click this dialog, so an
 * action that changes an order in Clopos or installs code waits for a real yes.
 */
import type { ConfirmRequest } from '../app/ports';

/** The part of Electron's `dialog` used. */
export interface MessageBoxApi<W> {
  showMessageBox(
    window: W,
    options: { type: 'warning'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number; noLink: boolean },
  ): Promise<{ response: number }>;
}

/** A yes/no question in a native dialog; "no" is the default and what Escape or closing it means. */
export function createConfirm<W>(dialog: MessageBoxApi<W>, window: () => W): (request: ConfirmRequest) => Promise<boolean> {
  return async (request) => {
    const cancel = 1;
    const { response } = await dialog.showMessageBox(window(), {
      type: 'warning',
      title: request.title,
      message: request.message,
      detail: request.detail,
      buttons: [request.confirm, request.cancel],
      defaultId: cancel,
      cancelId: cancel,
      noLink: true,
    });
    return response === 0;
  };
}
