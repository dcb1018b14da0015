/**
 * Saving a file a person asked for (the report's CSV): the OS's save dialog, shown by main, picks
 * the place — no script in the window can choose a path or answer the dialog — then main writes
 * the content it built itself.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, err, ok, type Result } from '../../common/result';
import type { SaveFileRequest } from '../app/ports';

/** The part of Electron's `dialog` used. */
export interface SaveDialogApi<W> {
  showSaveDialog(
    window: W,
    options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[]; properties: ['createDirectory', 'showOverwriteConfirmation'] },
  ): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

export function createFileSaver<W>(
  dialog: SaveDialogApi<W>,
  window: () => W,
  documentsFolder: () => string,
  write: (file: string, content: string) => Promise<void> = (file, content) => writeFile(file, content, 'utf8'),
): (request: SaveFileRequest) => Promise<Result<{ file: string | null }>> {
  return async (request) => {
    let chosen: { canceled: boolean; filePath?: string | undefined };
    try {
      chosen = await dialog.showSaveDialog(window(), {
        title: request.title,
        defaultPath: join(documentsFolder(), request.defaultName),
        filters: [{ name: request.filterName, extensions: [request.extension] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
    } catch (cause) {
      return err(appError('internal', `The save dialog could not be shown: ${cause instanceof Error ? cause.message : String(cause)}`));
    }
    if (chosen.canceled || !chosen.filePath) return ok({ file: null });
    try {
      await write(chosen.filePath, request.content);
      return ok({ file: chosen.filePath });
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      return err(appError('internal', `The file could not be written to ${chosen.filePath}${code ? ` (${code})` : ''}. Choose another folder.`));
    }
  };
}
