import type { SecretStore } from '../../electron/services/keychain/secret-store.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';

/** In-memory keychain for unit tests; `available = false` simulates a missing Secret Service. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  available = true;

  private check(): void {
    if (!this.available) throw new AppError('KEYCHAIN_UNAVAILABLE', 'simulated: no Secret Service');
  }
  async get(key: string) {
    this.check();
    return this.entries.get(key) ?? null;
  }
  async set(key: string, secret: string) {
    this.check();
    this.entries.set(key, secret);
  }
  async delete(key: string) {
    this.check();
    return this.entries.delete(key);
  }
}
