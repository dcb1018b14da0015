/**
 * The one way the app opens anything outside itself. `shell.openExternal` hands a string to the
 * operating system, which will happily run `file:`, `smb:`, `ms-msdt:` or a UNC path; so only a
 * plainly written, parsed `https:`/`http:` address without credentials ever reaches it.
 */
import { appError, err, ok, type Result } from '../../common/result';

export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** What openExternalUrl needs of Electron's `shell`. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

const refuse = (why: string): Result<never> => err(appError('forbidden', `This link was not opened: ${why}.`));

/**
 * The normalised address when it is safe to hand to the OS. The raw text is checked before it is
 * parsed, because the URL parser forgives exactly the tricks used to smuggle a scheme past a
 * naive check: it strips leading control characters and whitespace, lower-cases `JaVaScRiPt:`
 * and turns `https:\\host` into `https://host`.
 */
export function checkExternalUrl(raw: unknown): Result<string> {
  if (typeof raw !== 'string' || raw.length === 0) return refuse('it is not an address');
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return refuse('the address is too long');
  // Any whitespace or control character, anywhere (including Unicode spaces and bidi controls).
  if (/[\s\p{Cc}\p{Cf}]/u.test(raw)) return refuse('the address contains spaces or control characters');
  if (!/^https?:\/\/[^/\\]/.test(raw)) return refuse('only web addresses starting with https:// or http:// are opened');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return refuse('the address could not be read');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse('only web addresses are opened');
  if (parsed.username || parsed.password) return refuse('the address contains a user name or password');
  if (!parsed.hostname) return refuse('the address has no host');
  return ok(parsed.href);
}

export async function openExternalUrl(url: unknown, opener: ExternalOpener): Promise<Result<void>> {
  const checked = checkExternalUrl(url);
  if (!checked.ok) return checked;
  try {
    await opener.openExternal(checked.value);
    return ok(undefined);
  } catch {
    return err(appError('internal', 'The system could not open the link in a browser.'));
  }
}
