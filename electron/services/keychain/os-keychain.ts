import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../errors/app-error.ts';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store.ts';

/**
 * The OS keychain through @napi-rs/keyring (Credential Manager, macOS
 * Keychain, Secret Service). We use its entry API rather than the keytar
 * shim because on Linux the shim silently falls back to the kernel keyring,
 * which forgets everything at logout; we pin Secret Service and refuse
 * instead. Same (service, account) pairs as keytar, so tools see them alike.
 */
export class OsKeychain implements SecretStore {
  private readonly service: string;

  constructor(service: string = KEYCHAIN_SERVICE) {
    this.service = service;
  }

  private entry(key: string): AsyncEntry {
    return new AsyncEntry(this.service, key, { linux: { store: 'secret-service' } });
  }

  async get(key: string): Promise<string | null> {
    try {
      return (await this.entry(key).getPassword()) ?? null;
    } catch (e) {
      if (isNoEntry(e)) return null;
      throw unavailable(e);
    }
  }

  async set(key: string, secret: string): Promise<void> {
    try {
      await this.entry(key).setPassword(secret);
    } catch (e) {
      throw unavailable(e);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return await this.entry(key).deleteCredential();
    } catch (e) {
      if (isNoEntry(e)) return false;
      throw unavailable(e);
    }
  }

  /** Fails with KEYCHAIN_UNAVAILABLE unless a write/read/delete round trip works. */
  async assertAvailable(): Promise<void> {
    const probe = `probe:${process.pid}:${Date.now()}`;
    await this.set(probe, 'probe');
    await this.delete(probe);
  }
}

function isNoEntry(e: unknown): boolean {
  return e instanceof Error && /no (matching )?entry|not found/i.test(e.message);
}

function unavailable(e: unknown): AppError {
  const reason = e instanceof Error ? e.message : String(e);
  return new AppError('KEYCHAIN_UNAVAILABLE', `OS keychain unavailable: ${reason}`, { cause: e });
}
