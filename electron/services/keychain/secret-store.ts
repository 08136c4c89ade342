/** Where secrets live. The only implementation used by the product is the OS keychain. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  /** Returns true when something was deleted. */
  delete(key: string): Promise<boolean>;
}

/** Keychain "service" name shared by the app and the CLI. */
export const KEYCHAIN_SERVICE = 'unit-mailbox';

/** Keychain account names, one per secret. The e-mail address keeps entries readable in OS tools. */
export const secretKeys = {
  accountPassword: (email: string) => `password:${email.toLowerCase()}`,
  identityKey: (fingerprint: string) => 'identity-key:' + fingerprint,
} as const;
