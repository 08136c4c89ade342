// The export wizard's four steps: the mailbox, the recipient's certificate
// (compared by phone), the record's witness and place, and where the bag goes.
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import type { AccountSummary } from '../../../shared/account.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { baseName } from '../format/filename.ts';
import { FieldError } from '../forms/FieldError.tsx';
import { CertificateCard } from './CertificateCard.tsx';
import type { ExportValues, Recipient } from './exportSchema.ts';
import { useHandoverT } from './i18n.ts';

interface AccountStepProps {
  units: AccountSummary[];
  account: AccountSummary | null;
  locked: boolean;
}

export function AccountStep({ units, account, locked }: AccountStepProps) {
  const { t } = useHandoverT();
  const { setValue } = useFormContext<ExportValues>();
  return (
    <fieldset className="handover-step" disabled={locked}>
      <legend>{t('export.step.account')}</legend>
      <div className="field">
        <label htmlFor="export-account">{t('export.account')}</label>
        <select
          id="export-account"
          data-testid="export-account"
          value={account?.id ?? ''}
          onChange={(e) => setValue('accountId', e.target.value)}
        >
          {units.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName ? `${a.displayName} <${a.email}>` : a.email}
            </option>
          ))}
        </select>
        {account?.kind === 'personal' && <div className="hint">{t('export.personalAccount')}</div>}
      </div>
    </fieldset>
  );
}

export function RecipientStep({ recipient, locked }: { recipient: Recipient | null; locked: boolean }) {
  const { t } = useHandoverT();
  const { register, setValue } = useFormContext<ExportValues>();
  const [error, setError] = useState<UiError | null>(null);
  async function pick() {
    setError(null);
    try {
      const picked = await invoke('handover.pickFile', { purpose: 'recipient-certificate' });
      if (!picked) return;
      const info = await invoke('handover.certificate', { path: picked.path });
      setValue('recipient', { path: picked.path, info });
    } catch (e) {
      setValue('recipient', null);
      setError(toUiError(e));
    }
    // A new certificate is compared anew.
    setValue('confirmed', false);
  }
  return (
    <fieldset className="handover-step" disabled={locked}>
      <legend>{t('export.step.recipient')}</legend>
      <p className="hint">{t('export.recipientIntro')}</p>
      <div className="inline-row">
        <button type="button" className="btn" data-testid="export-pick-recipient" onClick={() => void pick()}>
          {recipient ? t('export.pickRecipientAgain') : t('export.pickRecipient')}
        </button>
        {recipient && (
          <span className="file-name" data-testid="export-recipient-file">
            {baseName(recipient.path)}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} testId="export-recipient-error" />}
      {recipient && (
        <>
          <CertificateCard
            info={recipient.info}
            testId="export-recipient"
            fingerprintLabel={t('export.recipientFingerprint')}
          />
          {!recipient.info.canEncrypt ? (
            <div className="notice notice-error" role="alert" data-testid="export-recipient-cannot-seal">
              <p className="notice-message">{t('export.cannotSeal')}</p>
            </div>
          ) : (
            <label className="checkbox confirm-box">
              <input type="checkbox" data-testid="export-confirm-fingerprint" {...register('confirmed')} />
              <span>{t('export.confirmFingerprint', { name: recipient.info.commonName })}</span>
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}

export function RecordStep({ locked }: { locked: boolean }) {
  const { t } = useHandoverT();
  const { register } = useFormContext<ExportValues>();
  return (
    <fieldset className="handover-step" disabled={locked}>
      <legend>{t('export.step.record')}</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="export-witness">{t('export.witness')}</label>
          <input
            id="export-witness"
            data-testid="export-witness"
            maxLength={200}
            placeholder={t('export.witnessPlaceholder')}
            {...register('witness')}
          />
        </div>
        <div className="field">
          <label htmlFor="export-place">{t('export.place')}</label>
          <input
            id="export-place"
            data-testid="export-place"
            maxLength={200}
            placeholder={t('export.placePlaceholder')}
            {...register('place')}
          />
        </div>
      </div>
    </fieldset>
  );
}

interface OutputStepProps {
  locked: boolean;
  outDir: string | null;
  bagName: string;
  bagNameProblem: { type: string; message: string } | undefined;
  /** An interrupted export found there, shown while the form is open. */
  pending: { messagesDone: number } | null;
}

export function OutputStep({ locked, outDir, bagName, bagNameProblem, pending }: OutputStepProps) {
  const { t } = useHandoverT();
  const { register, setValue } = useFormContext<ExportValues>();
  const [error, setError] = useState<UiError | null>(null);
  async function pick() {
    setError(null);
    try {
      const picked = await invoke('handover.pickDirectory', { purpose: 'output' });
      if (picked) setValue('outDir', picked.path);
    } catch (e) {
      setError(toUiError(e));
    }
  }
  return (
    <fieldset className="handover-step" disabled={locked}>
      <legend>{t('export.step.output')}</legend>
      <div className="inline-row">
        <button type="button" className="btn" data-testid="export-pick-outdir" onClick={() => void pick()}>
          {t('export.pickOutDir')}
        </button>
        <code className="path" data-testid="export-outdir">
          {outDir ?? t('export.noOutDir')}
        </code>
      </div>
      {error && <ErrorNotice error={error} testId="export-pick-error" />}
      <div className="field">
        <label htmlFor="export-bag-name">{t('export.bagName')}</label>
        <input
          id="export-bag-name"
          data-testid="export-bag-name"
          value={bagName}
          spellCheck={false}
          aria-invalid={bagNameProblem ? true : undefined}
          aria-describedby="export-bag-name-hint"
          onChange={(e) => setValue('bagName', e.target.value.trim())}
        />
        {bagNameProblem ? (
          <FieldError error={bagNameProblem} id="export-bag-name-hint" />
        ) : (
          <div className="hint" id="export-bag-name-hint">
            {t('export.bagNameHint')}
          </div>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" data-testid="export-tar" {...register('tar')} />
        <span>{t('export.tar')}</span>
      </label>
      {pending && (
        <div className="notice notice-info" data-testid="export-pending">
          <p className="notice-message">{t('export.pending', { count: pending.messagesDone })}</p>
        </div>
      )}
    </fieldset>
  );
}
