import { z } from 'zod';
import { accountSettingsSchema, type AccountSettings } from '../../../shared/account.ts';
import { preferencesSchema, type Preferences } from '../../../shared/settings.ts';
import { AppError } from '../errors/app-error.ts';
import type { KeyValueStore } from './key-value-store.ts';

const accountsSchema = z.array(accountSettingsSchema);

/** Typed, validated access to the settings file shared by the app and the CLI. */
export class SettingsRepository {
  private readonly store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.store = store;
  }

  preferences(): Preferences {
    return preferencesSchema.parse(this.store.get('preferences') ?? {});
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const next = preferencesSchema.parse({ ...this.preferences(), ...patch });
    this.store.set('preferences', next);
    return next;
  }

  accounts(): AccountSettings[] {
    const parsed = accountsSchema.safeParse(this.store.get('accounts') ?? []);
    if (!parsed.success) {
      throw new AppError('INTERNAL', `settings file has invalid accounts: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  saveAccounts(accounts: AccountSettings[]): void {
    this.store.set('accounts', accountsSchema.parse(accounts));
  }

  /** Small non-secret state a service keeps for itself (e.g. the register's last head), checked by its schema. */
  serviceState<T>(name: string, schema: z.ZodType<T>): T | undefined {
    const parsed = schema.safeParse(this.store.get(`state:${name}`));
    return parsed.success ? parsed.data : undefined;
  }

  saveServiceState(name: string, value: unknown): void {
    this.store.set(`state:${name}`, value);
  }

  /** Senders whose remote images load without asking, per account. */
  remoteSenders(accountId: string): string[] {
    const all = z.record(z.string(), z.array(z.string())).safeParse(this.store.get('remoteSenders') ?? {});
    return all.success ? (all.data[accountId] ?? []) : [];
  }

  setRemoteSender(accountId: string, address: string, allow: boolean): string[] {
    const all = z
      .record(z.string(), z.array(z.string()))
      .catch({})
      .parse(this.store.get('remoteSenders') ?? {});
    const set = new Set(all[accountId] ?? []);
    if (allow) set.add(address.toLowerCase());
    else set.delete(address.toLowerCase());
    all[accountId] = [...set].sort();
    this.store.set('remoteSenders', all);
    return all[accountId];
  }
}
