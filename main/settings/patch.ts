/**
 * Applies a change from the settings screen (or the tray) to the current settings. The merged
 * result is validated as a whole; when it is invalid nothing changes and the error names every
 * field that is wrong, so the form can point at them.
 */
import { settingsSchema, type Settings, type SettingsPatch } from '../../common/settings';
import { appError, err, ok, type Result } from '../../common/result';

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Result<Settings> {
  const parsed = settingsSchema.safeParse({ ...current, ...patch, version: current.version });
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'settings';
    return `${where}: ${issue.message}`;
  });
  return err(appError('invalid-request', `The settings were not saved. ${problems.join('; ')}`));
}
