import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_EXTERNAL_URL_LENGTH, checkExternalUrl, openExternalUrl } from '../../../main/desktop/external-links';
import { recorder, shell } from '../../mocks/electron';

beforeEach(() => recorder.reset());

describe('openExternalUrl', () => {
  it.each([
    ['https://clopos.com/', 'https://clopos.com/'],
    ['http://backoffice.example/receipts/42?tab=lines#top', 'http://backoffice.example/receipts/42?tab=lines#top'],
    ['https://xn--80ak6aa92e.com/path', 'https://xn--80ak6aa92e.com/path'],
  ])('opens the web address %s in the browser', async (url, opened) => {
    expect(await openExternalUrl(url, shell)).toEqual({ ok: true, value: undefined });
    expect(recorder.openedExternal).toEqual([opened]);
  });

  it.each([
    ['file URL', 'file:///C:/Windows/System32/calc.exe'],
    ['file URL to a UNC share', 'file://attacker.example/share/payload.exe'],
    ['UNC path', '\\\\attacker.example\\share\\payload.exe'],
    ['forward-slash UNC path', '//attacker.example/share'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['smb', 'smb://attacker.example/share'],
    ['ms-msdt protocol handler', 'ms-msdt:/id PCWDiagnostic /skip force'],
    ['mixed-case javascript', 'JaVaScRiPt:alert(1)'],
    ['mixed-case https scheme', 'HtTpS://example.com/'],
    ['leading space before javascript', ' javascript:alert(1)'],
    ['leading control character', '\u0001https://example.com/'],
    ['tab inside the scheme', 'java\tscript:alert(1)'],
    ['newline inside the scheme', 'https\n://example.com/'],
    ['trailing whitespace', 'https://example.com/ '],
    ['non-breaking space', 'https://example.com/\u00a0x'],
    ['right-to-left override', 'https://example.com/\u202etxt.exe'],
    ['backslashes after the scheme', 'https:\\\\example.com\\'],
    ['three slashes', 'https:///example.com/'],
    ['credentials in the URL', 'https://user:pass@example.com/'],
    ['user name only', 'https://clopos.com@attacker.example/'],
    ['scheme without host', 'https://'],
    ['relative path', '/etc/passwd'],
    ['empty string', ''],
    ['over-long URL', `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`],
  ])('refuses a %s and opens nothing', async (_name, url) => {
    const result = await openExternalUrl(url, shell);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('forbidden');
    expect(recorder.openedExternal).toEqual([]);
  });

  it.each([[undefined], [null], [42], [{ toString: () => 'https://example.com/' }]])('refuses a non-string %s', async (value) => {
    expect((await openExternalUrl(value, shell)).ok).toBe(false);
    expect(recorder.openedExternal).toEqual([]);
  });

  it('reports a failing system opener as a value, not an exception', async () => {
    const failing = { openExternal: async () => Promise.reject(new Error('no browser')) };
    const result = await openExternalUrl('https://example.com/', failing);
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/could not open/) } });
  });

  it('accepts an address exactly at the length limit', () => {
    const base = 'https://example.com/';
    const url = base + 'a'.repeat(MAX_EXTERNAL_URL_LENGTH - base.length);
    expect(checkExternalUrl(url).ok).toBe(true);
  });
});
