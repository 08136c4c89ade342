// "Nhập tệp .p12/.pfx": a certificate and key issued by a CA, with its chain.
// The password lives only in the input element until the call returns, then
// the field is emptied: it is never kept in React state or anywhere else.
import { useRef, useState, type FormEvent } from 'react';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { baseName } from '../format/filename.ts';
import { useHandoverT } from '../handover/i18n.ts';
import { IdentityError } from './IdentityError.tsx';

export function ImportP12Form({ onImported }: { onImported(identity: IdentitySummaryDto): void }) {
  const { t } = useHandoverT();
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [noPassword, setNoPassword] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function pick() {
    setError(null);
    try {
      const picked = await invoke('handover.pickFile', { purpose: 'p12' });
      if (picked) setPath(picked.path);
    } catch (e) {
      setError(toUiError(e));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = passwordRef.current;
    if (!path || !input) return;
    if (input.value === '') {
      setNoPassword(true);
      return;
    }
    setNoPassword(false);
    setBusy(true);
    setError(null);
    try {
      onImported(await invoke('identity.importP12', { path, password: input.value }));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      input.value = '';
      setBusy(false);
    }
  }

  return (
    <form className="handover-card" onSubmit={(e) => void submit(e)} noValidate data-testid="identity-import-form">
      <h3>{t('identity.import.heading')}</h3>
      <p className="hint">{t('identity.import.intro')}</p>
      <div className="field">
        <span className="label">{t('identity.import.file')}</span>
        <div className="inline-row">
          <button type="button" className="btn" data-testid="identity-import-pick" onClick={() => void pick()}>
            {t('identity.import.pick')}
          </button>
          <span className="file-name" data-testid="identity-import-file">
            {path ? baseName(path) : t('identity.import.noFile')}
          </span>
        </div>
      </div>
      <div className="field">
        <label htmlFor="identity-p12-password">{t('identity.import.password')}</label>
        <input
          id="identity-p12-password"
          ref={passwordRef}
          type="password"
          autoComplete="off"
          data-testid="identity-import-password"
          disabled={!path || busy}
          aria-invalid={noPassword ? true : undefined}
        />
        {noPassword && <div className="field-error">{t('identity.import.passwordRequired')}</div>}
        <div className="hint">{t('identity.import.passwordHint')}</div>
      </div>
      {error && <IdentityError error={error} testId="identity-import-error" />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="identity-import-submit" disabled={!path || busy}>
          {busy ? t('identity.import.busy') : t('identity.import.submit')}
        </button>
      </div>
    </form>
  );
}
