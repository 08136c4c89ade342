// The delegate's side of the fallback for servers without ACL: open the
// sealed credential (.p7m) the head saved for them. The file is read here and
// sent as content; main opens it with the user's identity and puts the unit
// account and its password straight into the keychain.
import { useId, useState } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { bytesToBase64 } from './format.ts';
import { IdentityErrorNotice } from './IdentityErrorNotice.tsx';
import { useDelegationT } from './i18n.ts';

export function ImportCredential({ onOpenIdentity }: { onOpenIdentity?: () => void }) {
  const { t } = useDelegationT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<AccountSummary | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  async function open(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setAdded(null);
    setError(null);
    try {
      const envelopeBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      setAdded(await invoke('delegation.importCredential', { envelopeBase64 }));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="import-credential" data-testid="import-credential">
      <label htmlFor={id} className="btn btn-link btn-small">
        {busy ? t('shared.importing') : t('shared.importCredential')}
      </label>
      <input
        id={id}
        type="file"
        accept=".p7m"
        className="visually-hidden"
        data-testid="import-credential-file"
        disabled={busy}
        onChange={(e) => void open(e.target.files?.[0])}
      />
      {added && (
        <p className="notice notice-ok small" role="status" data-testid="import-credential-done">
          {t('shared.imported', { email: added.email })}
        </p>
      )}
      {error && <IdentityErrorNotice error={error} testId="import-credential-error" onOpenIdentity={onOpenIdentity} />}
    </div>
  );
}
