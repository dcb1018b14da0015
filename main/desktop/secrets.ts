/**
 * The Clopos client secret and a pasted token, encrypted with Electron's async safeStorage (DPAPI
 * on Windows, Keychain on macOS, the desktop keyring on Linux) and kept as base64 ciphertext in
 * their own file, apart from the settings. Plain text exists only in main, for the moment a caller
 * needs it (`credentials()` right before an HTTP call). The renderer can set, clear and ask
 * whether a secret is set; nothing here ever returns a value to it.
 *
 * Each secret is bound to the server host it was entered for and is only ever handed out for that
 * host: a window that changes the server address cannot send the stored secret somewhere new; a
 * new host needs the secret typed again.
 */
import Store from 'electron-store';
import path from 'node:path';
import type { SecretStorageKind } from '../../common/contract';
import { appError, err, ok, type Result } from '../../common/result';
import { SECRET_NAMES, type SecretName } from '../../common/settings';
import type { Credentials } from '../clopos/types';
import { keepAside, readJsonFile } from '../settings/json-file';

/** The parts of Electron's safeStorage used (the async API only). */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend(): string;
}

export interface SecretStoreOptions {
  safeStorage: AsyncSafeStorage;
  /** `process.platform`: the weak `basic_text` backend exists only on Linux. */
  platform: NodeJS.Platform;
  /** Folder of the file: the composition root passes `app.getPath('userData')`. */
  cwd: string;
  name?: string;
  /** settings.allowWeakSecretStorage, read at the moment a secret is set. */
  allowWeakStorage: () => boolean;
  /** Receives each plain value the store sees, so the log redactor can remove it. */
  onSecretValue?: (value: string) => void;
  now?: () => number;
}

export interface SecretStore {
  storageKind(): Promise<SecretStorageKind>;
  /** Stores the secret for the server `host` it was entered for. */
  set(name: SecretName, value: string, host: string): Promise<Result<void>>;
  clear(name: SecretName): Result<void>;
  /** Which secrets are set, readable and bound to `host`. Never the values. */
  status(host: string): Record<SecretName, boolean>;
  /** The host each set secret is bound to (to tell a person why a secret does not apply). */
  hosts(): Partial<Record<SecretName, string>>;
  /** Decrypted right now, for one call to `host`. A secret entered for another host, or unreadable, is left out. */
  credentials(host: string): Promise<Credentials>;
  /** One secret, decrypted right now, for a call to `host`; undefined when not set for that host. */
  secret(name: SecretName, host: string): Promise<string | undefined>;
  /**
   * Binds secrets saved before secrets were bound to a host (older versions) to `host`, the
   * server they were being used with. Returns the names it bound.
   */
  adoptUnbound(host: string): SecretName[];
  /** Decrypts each saved secret once (at start-up) so `status()` and `warning` match what can be used. */
  load(): Promise<void>;
  /** Problems the user should know about (a file kept aside, a secret this computer cannot decrypt). */
  readonly warning: string | null;
}

const LABELS: Record<SecretName, string> = { clientSecret: 'client secret', token: 'token', telegramToken: 'Telegram bot token' };

const WEAK_REFUSAL =
  'This computer has no system keyring (Linux "basic_text" storage), so the secret could only be saved with weak ' +
  'protection that other programs of this user can undo. Turn on "Allow weak secret storage" in the settings to save it anyway, ' +
  'or install and unlock a keyring (GNOME Keyring or KWallet) and restart the app.';

const UNAVAILABLE_REFUSAL =
  'This computer offers no way to encrypt the secret, so it was not saved. On Linux, install and unlock a keyring ' +
  '(GNOME Keyring or KWallet) and restart the app.';

type Ciphertexts = Partial<Record<SecretName, string>>;
type Hosts = Partial<Record<SecretName, string>>;
type SecretsFile = Ciphertexts & { hosts?: Hosts };

const isBase64 = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);

export function openSecretStore(options: SecretStoreOptions): SecretStore {
  const name = options.name ?? 'secrets';
  const file = path.join(options.cwd, `${name}.json`);
  const notify = options.onSecretValue ?? (() => undefined);
  const warnings = new Map<string, string>();

  const read = readJsonFile(file);
  const ciphertexts: Ciphertexts = {};
  const boundTo: Hosts = {};
  if (read.kind === 'unreadable' || (read.kind === 'parsed' && (typeof read.raw !== 'object' || read.raw === null))) {
    const backup = keepAside(file, (options.now ?? Date.now)());
    warnings.set('file', `The saved secrets could not be read${backup ? ` (the file was kept as ${backup})` : ''}; enter them again.`);
  } else if (read.kind === 'parsed') {
    const raw = read.raw as Record<string, unknown>;
    const hosts = typeof raw.hosts === 'object' && raw.hosts !== null ? (raw.hosts as Record<string, unknown>) : {};
    for (const secret of SECRET_NAMES) {
      if (isBase64(raw[secret])) ciphertexts[secret] = raw[secret];
      else if (raw[secret] !== undefined) warnings.set(secret, `The saved ${LABELS[secret]} was damaged; enter it again.`);
      const host = hosts[secret];
      if (ciphertexts[secret] !== undefined && typeof host === 'string' && host !== '') boundTo[secret] = host;
    }
  }

  let store: Store<SecretsFile> | null = null;
  try {
    store = new Store<SecretsFile>({ cwd: options.cwd, name, clearInvalidConfig: false });
  } catch {
    warnings.set('file', 'The secrets folder cannot be written; secrets cannot be saved.');
  }
  const persist = (): boolean => {
    if (!store) return false;
    try {
      store.store = { ...ciphertexts, hosts: { ...boundTo } };
      return true;
    } catch {
      return false;
    }
  };

  /** Secrets whose ciphertext this computer could not decrypt: treated as unset until replaced. */
  const unreadable = new Set<SecretName>();

  const decrypt = async (secret: SecretName): Promise<string | undefined> => {
    const stored = ciphertexts[secret];
    if (stored === undefined || unreadable.has(secret)) return undefined;
    try {
      const { result, shouldReEncrypt } = await options.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      notify(result);
      if (shouldReEncrypt) {
        // The OS rotated or upgraded its key: store the value again under the new one (best effort).
        ciphertexts[secret] = (await options.safeStorage.encryptStringAsync(result)).toString('base64');
        persist();
      }
      return result;
    } catch {
      unreadable.add(secret);
      warnings.set(
        secret,
        `The saved ${LABELS[secret]} cannot be decrypted on this computer (it may have been saved by another computer or user account); enter it again.`,
      );
      return undefined;
    }
  };

  const storageKind = async (): Promise<SecretStorageKind> => {
    try {
      if (!(await options.safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
      if (options.platform === 'linux' && options.safeStorage.getSelectedStorageBackend() === 'basic_text') return 'weak';
      return 'os';
    } catch {
      return 'unavailable';
    }
  };

  /** A stored secret only ever goes to the host it was entered for. */
  const secretFor = (name: SecretName, host: string): Promise<string | undefined> =>
    boundTo[name] === host ? decrypt(name) : Promise.resolve(undefined);

  return {
    storageKind,
    async set(secret, value, host) {
      const kind = await storageKind();
      if (kind === 'unavailable') return err(appError('config', UNAVAILABLE_REFUSAL));
      if (kind === 'weak' && !options.allowWeakStorage()) return err(appError('config', WEAK_REFUSAL));
      notify(value);
      let encrypted: Buffer;
      try {
        encrypted = await options.safeStorage.encryptStringAsync(value);
      } catch {
        return err(appError('config', `The ${LABELS[secret]} could not be encrypted, so it was not saved.`));
      }
      const previous = ciphertexts[secret];
      const previousHost = boundTo[secret];
      ciphertexts[secret] = encrypted.toString('base64');
      boundTo[secret] = host;
      if (!persist()) {
        if (previous === undefined) delete ciphertexts[secret];
        else ciphertexts[secret] = previous;
        if (previousHost === undefined) delete boundTo[secret];
        else boundTo[secret] = previousHost;
        return err(appError('internal', `The ${LABELS[secret]} could not be saved to ${file}. Check that the folder is writable.`));
      }
      unreadable.delete(secret);
      warnings.delete(secret);
      return ok(undefined);
    },
    clear(secret) {
      const previous = ciphertexts[secret];
      const previousHost = boundTo[secret];
      delete ciphertexts[secret];
      delete boundTo[secret];
      if (!persist()) {
        if (previous !== undefined) ciphertexts[secret] = previous;
        if (previousHost !== undefined) boundTo[secret] = previousHost;
        return err(appError('internal', `The ${LABELS[secret]} could not be removed from ${file}.`));
      }
      unreadable.delete(secret);
      warnings.delete(secret);
      return ok(undefined);
    },
    status(host) {
      const entries = SECRET_NAMES.map(
        (secret) => [secret, ciphertexts[secret] !== undefined && !unreadable.has(secret) && boundTo[secret] === host] as const,
      );
      return Object.fromEntries(entries) as Record<SecretName, boolean>;
    },
    hosts: () => ({ ...boundTo }),
    async credentials(host) {
      const [clientSecret, token] = await Promise.all([secretFor('clientSecret', host), secretFor('token', host)]);
      const credentials: Credentials = {};
      if (clientSecret !== undefined) credentials.clientSecret = clientSecret;
      if (token !== undefined) credentials.token = token;
      return credentials;
    },
    secret: secretFor,
    adoptUnbound(host) {
      const adopted = SECRET_NAMES.filter((secret) => ciphertexts[secret] !== undefined && boundTo[secret] === undefined);
      if (adopted.length === 0) return [];
      for (const secret of adopted) boundTo[secret] = host;
      persist();
      return adopted;
    },
    async load() {
      await Promise.all(SECRET_NAMES.map((secret) => decrypt(secret)));
    },
    get warning() {
      return warnings.size > 0 ? [...warnings.values()].join(' ') : null;
    },
  };
}
