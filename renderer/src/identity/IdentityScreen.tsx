// "Chữ ký số": the user's signing identity. It signs the handover package
// (outgoing head) and opens the sealed credential (incoming head), so its
// fingerprint is shown large, grouped for reading aloud by phone, and the
// certificate can be saved to send to the other party.
import { useState, type ReactNode } from 'react';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { CertificateCard } from '../handover/CertificateCard.tsx';
import { useHandoverT } from '../handover/i18n.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { CreateIdentityForm } from './CreateIdentityForm.tsx';
import { IdentityError } from './IdentityError.tsx';
import { ImportP12Form } from './ImportP12Form.tsx';

interface Props {
  state: AsyncState<IdentitySummaryDto | null>;
  onChanged(identity: IdentitySummaryDto): void;
  onRetry(): void;
  /** E-mail to suggest for a new identity. */
  email?: string;
}

export function IdentityScreen({ state, onChanged, onRetry, email }: Props) {
  const { t } = useHandoverT();
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [justChanged, setJustChanged] = useState(false);

  const changed = (identity: IdentitySummaryDto) => {
    setReplacing(false);
    setSaved(null);
    setJustChanged(true);
    onChanged(identity);
  };

  async function exportCertificate() {
    setSaveError(null);
    try {
      const result = await invoke('identity.exportCertificate', {});
      if (result.saved) setSaved(result.path);
    } catch (e) {
      setSaveError(toUiError(e));
    }
  }

  const forms = (
    <div className="identity-forms">
      <CreateIdentityForm onCreated={changed} {...(email ? { email } : {})} />
      <ImportP12Form onImported={changed} />
    </div>
  );

  return (
    <section className="handover-screen" aria-labelledby="identity-heading" data-testid="identity-screen">
      <h2 id="identity-heading">{t('identity.heading')}</h2>
      <p className="intro">{t('identity.intro')}</p>
      {state.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state.status === 'error' && (
        <>
          <IdentityError error={state.error} testId="identity-load-error" />
          <button type="button" className="btn" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      )}
      {state.status === 'ok' && state.value === null && (
        <>
          <div className="notice notice-info" data-testid="identity-none">
            <p className="notice-message">{t('identity.none')}</p>
            <p className="notice-text">{t('identity.noneHelp')}</p>
          </div>
          {forms}
        </>
      )}
      {state.status === 'ok' && state.value !== null && (
        <CurrentIdentity
          identity={state.value}
          justChanged={justChanged}
          replacing={replacing}
          onToggleReplace={() => setReplacing((r) => !r)}
          saved={saved}
          saveError={saveError}
          onExport={() => void exportCertificate()}
          forms={forms}
        />
      )}
    </section>
  );
}

interface CurrentProps {
  identity: IdentitySummaryDto;
  /** Created or imported in this visit: say it is ready. */
  justChanged: boolean;
  replacing: boolean;
  onToggleReplace(): void;
  /** Where the certificate was saved. */
  saved: string | null;
  saveError: UiError | null;
  onExport(): void;
  /** The create and import forms, shown while replacing. */
  forms: ReactNode;
}

/** The identity in use, saving its certificate, and replacing it. */
function CurrentIdentity(props: CurrentProps) {
  const { identity, justChanged, replacing, onToggleReplace, saved, saveError, onExport, forms } = props;
  const { t } = useHandoverT();
  return (
    <>
      {justChanged && (
        <div className="notice notice-ok" role="status" data-testid="identity-ready">
          <p className="notice-message">{t('identity.ready')}</p>
        </div>
      )}
      <IdentityCard identity={identity} />
      <div className="handover-actions">
        <button type="button" className="btn btn-primary" data-testid="identity-export-cert" onClick={onExport}>
          {t('identity.exportCert')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="identity-replace"
          aria-expanded={replacing}
          onClick={onToggleReplace}
        >
          {t('identity.replace')}
        </button>
      </div>
      <p className="hint">{t('identity.exportHelp')}</p>
      {saved && (
        <div className="notice notice-ok" role="status" data-testid="identity-exported">
          <p className="notice-message">{t('identity.exported')}</p>
          <code className="path">{saved}</code>
        </div>
      )}
      {saveError && <IdentityError error={saveError} testId="identity-export-error" />}
      {replacing && (
        <>
          <div className="notice notice-warning">
            <p className="notice-message">{t('identity.replaceWarning')}</p>
          </div>
          {forms}
        </>
      )}
    </>
  );
}

/** The identity's certificate, where it came from and its chain. */
function IdentityCard({ identity }: { identity: IdentitySummaryDto }) {
  const { t, f } = useHandoverT();
  return (
    <CertificateCard
      info={identity.info}
      testId="identity-card"
      fingerprintLabel={t('identity.fingerprint')}
      fingerprintHelp={t('identity.fingerprintHelp')}
    >
      <p className="muted small" data-testid="identity-source">
        {identity.source === 'created'
          ? t('identity.sourceCreated', { date: f.dateTime(identity.createdAt) })
          : t('identity.sourceImported', { date: f.dateTime(identity.createdAt) })}
      </p>
      {identity.chain.length > 0 && (
        <div className="cert-chain">
          <div className="label">{t('identity.chain')}</div>
          <ol>
            {identity.chain.map((c) => (
              <li key={c.sha256Fingerprint}>{c.commonName || c.subject}</li>
            ))}
          </ol>
        </div>
      )}
      <p className="muted small">{t('identity.keyInKeychain')}</p>
    </CertificateCard>
  );
}
