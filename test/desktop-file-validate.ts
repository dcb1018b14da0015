import { execFileSync } from 'node:child_process';

/**
 * Runs `desktop-file-validate` (Debian's desktop-file-utils, installed by .ci/run) on a .desktop
 * file; throws with what it said when it refuses the file. Returns its output (warnings) otherwise.
 */
export function desktopFileValidate(file: string): string {
  try {
    return execFileSync('desktop-file-validate', [file], { encoding: 'utf8' });
  } catch (cause) {
    const e = cause as { stdout?: string; stderr?: string; message: string };
    throw new Error(`desktop-file-validate refused ${file}: ${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  }
}
