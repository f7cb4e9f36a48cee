import { join } from 'node:path';
import type { SecretStoreInfo } from '../../shared/ipc/channels/sites';
import { UplinkError } from '../../shared/ipc/errors';
import { JsonFile } from '../sites/json-file';

/**
 * The OS keychain as Electron's `safeStorage` offers it. Passed in by the Electron entry; code that
 * runs under plain Node (web mode, tests) never imports 'electron', and gets no encryption.
 */
export interface OsEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring was found and the "encryption" is a fixed key. */
  getSelectedStorageBackend?(): string;
}

/**
 * How one secret is kept: `os` is safeStorage ciphertext (base64); `plain` is the text itself, in
 * a file only the user can read (0600). Each entry says which, because the desktop app and web
 * mode share one profile and only the desktop app can reach the keychain.
 */
interface StoredSecret {
  scheme: 'os' | 'plain';
  value: string;
}

interface SecretsFile {
  version: 1;
  secrets: Record<string, StoredSecret>;
}

export const SECRETS_FILE = 'secrets.json';

/**
 * Router passwords, by site id. They live only in main: nothing here is ever handed to IPC, a log
 * or another file. Where the OS keychain is unavailable the store is a plain file with owner-only
 * permissions, and `info()` says so, so the UI can tell the technician.
 */
export class SecretStore {
  private constructor(
    private readonly file: JsonFile<SecretsFile>,
    private readonly secrets: Map<string, StoredSecret>,
    private readonly encryption: OsEncryption | undefined,
  ) {}

  static async open(profileDir: string, encryption?: OsEncryption): Promise<SecretStore> {
    const file = new JsonFile<SecretsFile>(join(profileDir, SECRETS_FILE));
    const stored = await file.read();
    const usable = encryption && osEncryptionWorks(encryption) ? encryption : undefined;
    const store = new SecretStore(file, new Map(Object.entries(stored?.secrets ?? {})), usable);
    await store.sealPlainEntries();
    return store;
  }

  info(): SecretStoreInfo {
    return this.encryption
      ? {
          encrypted: true,
          description: 'Passwords are encrypted with the operating system’s keychain.',
        }
      : {
          encrypted: false,
          description:
            'Passwords are kept in a file only your user account can read, not encrypted by the operating system (its keychain is not available here).',
        };
  }

  has(id: string): boolean {
    return this.secrets.has(id);
  }

  /** The secret, or undefined when none is stored. */
  get(id: string): string | undefined {
    const stored = this.secrets.get(id);
    if (!stored) return undefined;
    if (stored.scheme === 'plain') return stored.value;
    if (!this.encryption) {
      throw new UplinkError({
        code: 'auth',
        message:
          'This password was saved by the desktop app, encrypted with the operating system’s keychain, which is not available here. Enter the password again in Edit site.',
        field: 'password',
      });
    }
    return this.encryption.decryptString(Buffer.from(stored.value, 'base64'));
  }

  async set(id: string, secret: string): Promise<void> {
    this.secrets.set(id, this.seal(secret));
    await this.save();
  }

  async delete(id: string): Promise<void> {
    if (this.secrets.delete(id)) await this.save();
  }

  private seal(secret: string): StoredSecret {
    return this.encryption
      ? { scheme: 'os', value: this.encryption.encryptString(secret).toString('base64') }
      : { scheme: 'plain', value: secret };
  }

  /** Plain entries left by web mode are encrypted as soon as the keychain is at hand. */
  private async sealPlainEntries(): Promise<void> {
    if (!this.encryption) return;
    const plain = [...this.secrets].filter(([, stored]) => stored.scheme === 'plain');
    if (plain.length === 0) return;
    for (const [id, stored] of plain) this.secrets.set(id, this.seal(stored.value));
    await this.save();
  }

  private save(): Promise<void> {
    return this.file.write({ version: 1, secrets: Object.fromEntries(this.secrets) });
  }
}

function osEncryptionWorks(encryption: OsEncryption): boolean {
  if (!encryption.isEncryptionAvailable()) return false;
  // Without a keyring Linux Electron falls back to a key baked into Chromium: not encryption.
  return encryption.getSelectedStorageBackend?.() !== 'basic_text';
}
