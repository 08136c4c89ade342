// Sealing the unit password to a delegate's certificate: the certificate
// picked and read, the head's confirmation that the fingerprints match, and
// the outcome. One envelope per comparison: sealing again needs a fresh one.
import { useState } from 'react';
import type { CertificateInput, SealedCredentialResult } from '../../../shared/contract-delegation.ts';
import type { CertificateInfoDto } from '../../../shared/identity.ts';
import { invoke } from '../api.ts';
import { readCertificateFile } from './format.ts';

export type FallbackBusy = 'read' | 'seal' | 'reset' | null;

/** Runs one step of the fallback (reading, sealing, resetting), showing its failure. */
export type FallbackStep = (kind: Exclude<FallbackBusy, null>, work: () => Promise<void>) => Promise<void>;

export interface CredentialSeal {
  info: CertificateInfoDto | null;
  compared: boolean;
  setCompared(compared: boolean): void;
  sealed: SealedCredentialResult | null;
  pick(file: File | undefined): Promise<void>;
  seal(): Promise<void>;
}

export function useCredentialSeal(opts: {
  accountId: string;
  run: FallbackStep;
  /** Clears the last failure shown. */
  clearError(): void;
  onChanged(): void;
}): CredentialSeal {
  const [certificate, setCertificate] = useState<CertificateInput | null>(null);
  const [info, setInfo] = useState<CertificateInfoDto | null>(null);
  const [compared, setCompared] = useState(false);
  const [sealed, setSealed] = useState<SealedCredentialResult | null>(null);

  async function pick(file: File | undefined) {
    setInfo(null);
    setCertificate(null);
    setCompared(false);
    setSealed(null);
    opts.clearError();
    if (!file) return;
    await opts.run('read', async () => {
      const input = await readCertificateFile(file);
      setInfo(await invoke('delegation.certificate', { certificate: input }));
      setCertificate(input);
    });
  }

  async function seal() {
    if (!certificate || !info) return;
    await opts.run('seal', async () => {
      const result = await invoke('delegation.sealCredential', {
        accountId: opts.accountId,
        certificate,
        fingerprint: info.sha256Fingerprint,
      });
      setSealed(result);
      if (result.saved) {
        setCompared(false);
        opts.onChanged();
      }
    });
  }

  return { info, compared, setCompared, sealed, pick, seal };
}
