import type { SafeStorage } from 'electron';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { openSecretStore, type AsyncSafeStorage, type SecretStoreOptions } from '../../../main/desktop/secrets';
import { recorder, safeStorage } from '../../mocks/electron';

/** The server host the secrets in these tests were entered for. */
const HOST = 'integrations.clopos.com';

vi.mock('electron', () => import('../../mocks/electron'));

const SECRET = 'cs_live_9f8e7d6c5b4a3210';
const TOKEN = 'oauth_4b1d2c3e4f5a6b7c';

let cwd: string;
let weakAllowed: boolean;
beforeEach(() => {
  recorder.reset();
  cwd = mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
  weakAllowed = false;
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(cwd, { recursive: true, force: true });
});

function open(extra: Partial<SecretStoreOptions> = {}) {
  return openSecretStore({
    safeStorage,
    platform: 'linux',
    cwd,
    allowWeakStorage: () => weakAllowed,
    now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6),
    ...extra,
  });
}
const fileBytes = () => readFileSync(path.join(cwd, 'secrets.json'));

describe('secret store', () => {
  it('stores only ciphertext: the file never contains the plain secret', async () => {
    const store = open();
    expect(await store.set('clientSecret', SECRET, HOST)).toEqual({ ok: true, value: undefined });
    expect(await store.set('token', TOKEN, HOST)).toEqual({ ok: true, value: undefined });
    const bytes = fileBytes();
    for (const plain of [SECRET, TOKEN]) {
      expect(bytes.includes(plain)).toBe(false);
      expect(bytes.includes(Buffer.from(plain).toString('base64'))).toBe(false);
    }
    expect(readdirSync(cwd)).toEqual(['secrets.json']);
  });

  it('decrypts right before use, also in the next session', async () => {
    await open().set('clientSecret', SECRET, HOST);
    const decrypt = vi.spyOn(safeStorage, 'decryptStringAsync');
    const next = open();
    expect(decrypt).not.toHaveBeenCalled();
    expect(await next.credentials(HOST)).toEqual({ clientSecret: SECRET });
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it('reports which secrets are set, never their values', async () => {
    const store = open();
    expect(store.status(HOST)).toEqual({ clientSecret: false, token: false, telegramToken: false });
    await store.set('token', TOKEN, HOST);
    const status = store.status(HOST);
    expect(status).toEqual({ clientSecret: false, token: true, telegramToken: false });
    expect(JSON.stringify(status)).not.toContain(TOKEN);
  });

  it('tells the redactor every value it sees', async () => {
    const seen: string[] = [];
    await open({ onSecretValue: (v) => seen.push(v) }).set('clientSecret', SECRET, HOST);
    const next = open({ onSecretValue: (v) => seen.push(v) });
    await next.load();
    expect(seen).toEqual([SECRET, SECRET]);
  });

  it('clears a secret', async () => {
    const store = open();
    await store.set('clientSecret', SECRET, HOST);
    await store.set('token', TOKEN, HOST);
    expect(store.clear('token')).toEqual({ ok: true, value: undefined });
    expect(store.status(HOST)).toEqual({ clientSecret: true, token: false, telegramToken: false });
    expect(await store.credentials(HOST)).toEqual({ clientSecret: SECRET });
    expect(JSON.parse(fileBytes().toString('utf8'))).not.toHaveProperty('token');
    expect(await open().credentials(HOST)).toEqual({ clientSecret: SECRET });
  });

  describe('storage kind', () => {
    it('is "os" with a real keyring', async () => {
      expect(await open().storageKind()).toBe('os');
    });

    it('is "weak" with the Linux basic_text backend', async () => {
      safeStorage.backend = 'basic_text';
      expect(await open().storageKind()).toBe('weak');
    });

    it('is "os" on Windows and macOS whatever the (Linux-only) backend call says', async () => {
      safeStorage.backend = 'basic_text';
      expect(await open({ platform: 'win32' }).storageKind()).toBe('os');
      expect(await open({ platform: 'darwin' }).storageKind()).toBe('os');
    });

    it('is "unavailable" when the OS cannot encrypt', async () => {
      safeStorage.available = false;
      expect(await open().storageKind()).toBe('unavailable');
    });
  });

  it('refuses to store a secret weakly until the user accepts it, and says why', async () => {
    safeStorage.backend = 'basic_text';
    const store = open();
    const refused = await store.set('clientSecret', SECRET, HOST);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('config');
      expect(refused.error.message).toMatch(/keyring/);
      expect(refused.error.message).toMatch(/Allow weak secret storage/);
      expect(refused.error.message).not.toContain(SECRET);
    }
    expect(store.status(HOST).clientSecret).toBe(false);

    weakAllowed = true;
    expect((await store.set('clientSecret', SECRET, HOST)).ok).toBe(true);
    expect(await store.credentials(HOST)).toEqual({ clientSecret: SECRET });
  });

  it('refuses to store a secret when no encryption is available', async () => {
    safeStorage.available = false;
    weakAllowed = true;
    const result = await open().set('token', TOKEN, HOST);
    expect(result).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('treats a secret this computer cannot decrypt as unset, with a warning, never a crash', async () => {
    // Ciphertext made by another machine's keyring: base64 of bytes this keyring cannot decrypt.
    const foreign = Buffer.from('v10\u0001\u0002 encrypted elsewhere').toString('base64');
    writeFileSync(path.join(cwd, 'secrets.json'), JSON.stringify({ clientSecret: foreign }));
    const store = open();
    // A file from before secrets were bound to a server: bound to the one in use at start-up.
    expect(store.adoptUnbound(HOST)).toEqual(['clientSecret']);
    expect(store.status(HOST).clientSecret).toBe(true);
    await store.load();
    expect(store.status(HOST)).toEqual({ clientSecret: false, token: false, telegramToken: false });
    expect(store.warning).toMatch(/client secret cannot be decrypted on this computer/);
    expect(await store.credentials(HOST)).toEqual({});

    expect((await store.set('clientSecret', SECRET, HOST)).ok).toBe(true);
    expect(store.warning).toBeNull();
    expect(await store.credentials(HOST)).toEqual({ clientSecret: SECRET });
  });

  it('re-encrypts a value the OS asks to re-encrypt', async () => {
    await open().set('token', TOKEN, HOST);
    const before = fileBytes().toString('utf8');
    vi.spyOn(safeStorage, 'decryptStringAsync').mockResolvedValueOnce({ shouldReEncrypt: true, result: TOKEN });
    const encrypt = vi.spyOn(safeStorage, 'encryptStringAsync').mockResolvedValueOnce(Buffer.from('enc:rotated-key'));
    const store = open();
    expect(await store.credentials(HOST)).toEqual({ token: TOKEN });
    expect(encrypt).toHaveBeenCalledWith(TOKEN);
    expect(fileBytes().toString('utf8')).not.toBe(before);
    expect(fileBytes().includes(TOKEN)).toBe(false);
  });

  it('keeps a damaged secrets file aside and starts without secrets', async () => {
    writeFileSync(path.join(cwd, 'secrets.json'), '{"clientSecret":"YWJj');
    const store = open();
    expect(store.status(HOST)).toEqual({ clientSecret: false, token: false, telegramToken: false });
    expect(store.warning).toMatch(/secrets\.corrupt-2025-01-02T03-04-05-006Z\.json/);
    expect((await store.set('token', TOKEN, HOST)).ok).toBe(true);
    expect(await open().credentials(HOST)).toEqual({ token: TOKEN });
  });

  it('drops an entry that is not ciphertext, with a warning', async () => {
    writeFileSync(path.join(cwd, 'secrets.json'), JSON.stringify({ clientSecret: 'not base64!', token: 12 }));
    const store = open();
    expect(store.status(HOST)).toEqual({ clientSecret: false, token: false, telegramToken: false });
    expect(store.warning).toMatch(/client secret was damaged/);
    expect(store.warning).toMatch(/token was damaged/);
    expect(await store.credentials(HOST)).toEqual({});
  });

  it('accepts the real Electron safeStorage', () => {
    expectTypeOf<SafeStorage>().toExtend<AsyncSafeStorage>();
  });

  it('hands a secret out only for the server it was entered for, and keeps that across restarts', async () => {
    const first = open();
    expect((await first.set('clientSecret', SECRET, HOST)).ok).toBe(true);
    const store = open();
    expect(await store.credentials(HOST)).toEqual({ clientSecret: SECRET });
    expect(await store.credentials('evil.example.com')).toEqual({});
    expect(store.status('evil.example.com')).toEqual({ clientSecret: false, token: false, telegramToken: false });
    expect(store.hosts()).toEqual({ clientSecret: HOST });
    // Nothing to adopt: it is bound already.
    expect(store.adoptUnbound('evil.example.com')).toEqual([]);
    // One secret at a time, the same way: the Telegram bot token only for Telegram's host.
    expect((await store.set('telegramToken', '7012345678:AAH-bot', 'api.telegram.org')).ok).toBe(true);
    expect(await open().secret('telegramToken', 'api.telegram.org')).toBe('7012345678:AAH-bot');
    expect(await open().secret('telegramToken', HOST)).toBeUndefined();
    expect(await open().credentials('api.telegram.org')).toEqual({});
    expect(await open().credentials('evil.example.com')).toEqual({});
  });
});
