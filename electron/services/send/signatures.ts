// Stored signatures, per sending address, in the settings file; with nothing stored, one is
// suggested from the signing identity's certificate (name, title, unit), so a head who has an
// identity starts with a correct administrative signature.
import { z } from 'zod';
import { mailSignatureSchema, type MailSignature } from '../../../shared/mail-signature.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';

const STATE = 'signatures';
const allSchema = z.record(z.string(), mailSignatureSchema);

export class SignatureStore {
  private readonly settings: SettingsRepository;
  private readonly identity: IdentityService;

  constructor(settings: SettingsRepository, identity: IdentityService) {
    this.settings = settings;
    this.identity = identity;
  }

  /** The stored signature of an address, else a suggestion from the identity (`stored: false`). */
  async get(address: string): Promise<{ signature: MailSignature | null; stored: boolean }> {
    const saved = this.all()[address.toLowerCase()];
    if (saved) return { signature: saved, stored: true };
    const id = await this.identity.current().catch(() => null);
    const cert = id?.info;
    if (!cert) return { signature: null, stored: false };
    return {
      signature: mailSignatureSchema.parse({
        name: cert.commonName,
        title: cert.title ?? '',
        unit: cert.organization ?? '',
      }),
      stored: false,
    };
  }

  set(address: string, signature: MailSignature | null): void {
    const all = this.all();
    if (signature) all[address.toLowerCase()] = mailSignatureSchema.parse(signature);
    else delete all[address.toLowerCase()];
    this.settings.saveServiceState(STATE, all);
  }

  private all(): Record<string, MailSignature> {
    return { ...(this.settings.serviceState(STATE, allSchema) ?? {}) };
  }
}
