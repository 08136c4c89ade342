// "Bàn giao" (the outgoing head): the unit mailbox, the incoming head's
// certificate (its fingerprint compared by phone, confirmed by a required
// checkbox), witness, place, where to write the bag; then a progress bar with
// Hủy. A cancelled or interrupted export resumes from where it stopped.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import type { CertificateView, HandoverExportSummary } from '../../../shared/contract-handover.ts';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { baseName } from '../format/filename.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { defaultBagName, isValidBagName } from './bagName.ts';
import { CertificateCard } from './CertificateCard.tsx';
import { formatters } from './format.ts';
import { useHandoverT } from './i18n.ts';
import { JobProgress } from './JobProgress.tsx';
import { useJobProgress } from './useJobProgress.ts';
import { useRevealOnMount } from './useRevealOnMount.ts';

interface Props {
  accounts: AccountSummary[];
  currentAccountId: string | null;
  identity: AsyncState<IdentitySummaryDto | null>;
  onOpenIdentity(): void;
}

type Run =
  | { status: 'form' }
  | { status: 'running'; cancelling: boolean }
  | { status: 'cancelled' }
  | { status: 'failed'; error: UiError }
  | { status: 'done'; result: HandoverExportSummary };

interface Recipient {
  path: string;
  info: CertificateView;
}

export function ExportWizard({ accounts, currentAccountId, identity, onOpenIdentity }: Props) {
  const { t: tMain } = useTranslation();
  const { t, language } = useHandoverT();
  const f = formatters(language, tMain);
  const units = [...accounts].sort((a, b) => Number(b.kind === 'unit') - Number(a.kind === 'unit'));
  const [accountId, setAccountId] = useState<string | null>(null);
  const account =
    accounts.find((a) => a.id === accountId) ??
    accounts.find((a) => a.id === currentAccountId && a.kind === 'unit') ??
    units[0] ??
    null;
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const [recipientError, setRecipientError] = useState<UiError | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [witness, setWitness] = useState('');
  const [place, setPlace] = useState('');
  const [outDir, setOutDir] = useState<string | null>(null);
  /** The user's own bag name; until they type one, the default follows the chosen mailbox. */
  const [editedBagName, setEditedBagName] = useState<string | null>(null);
  const bagName = editedBagName ?? defaultBagName(account?.email ?? '');
  const [tar, setTar] = useState(false);
  const [pendingFor, setPendingFor] = useState<{ key: string; value: { messagesDone: number } | null } | null>(null);
  const [pickError, setPickError] = useState<UiError | null>(null);
  const [run, setRun] = useState<Run>({ status: 'form' });
  const [progress, resetProgress] = useJobProgress('export');

  // An interrupted export in the chosen place: starting again resumes it.
  const validName = isValidBagName(bagName);
  const pendingKey = outDir && validName ? JSON.stringify([outDir, bagName, run.status]) : null;
  useEffect(() => {
    if (!pendingKey || !outDir) return;
    let current = true;
    invoke('handover.pending', { outDir, bagName }).then(
      (value) => current && setPendingFor({ key: pendingKey, value }),
      () => current && setPendingFor({ key: pendingKey, value: null }),
    );
    return () => {
      current = false;
    };
  }, [pendingKey, outDir, bagName]);
  const pending = pendingKey !== null && pendingFor?.key === pendingKey ? pendingFor.value : null;

  async function pickRecipient() {
    setRecipientError(null);
    try {
      const picked = await invoke('handover.pickFile', { purpose: 'recipient-certificate' });
      if (!picked) return;
      const info = await invoke('handover.certificate', { path: picked.path });
      setRecipient({ path: picked.path, info });
      setConfirmed(false);
    } catch (e) {
      setRecipient(null);
      setConfirmed(false);
      setRecipientError(toUiError(e));
    }
  }

  async function pickOutDir() {
    setPickError(null);
    try {
      const picked = await invoke('handover.pickDirectory', { purpose: 'output' });
      if (picked) setOutDir(picked.path);
    } catch (e) {
      setPickError(toUiError(e));
    }
  }

  const hasIdentity = identity.status === 'ok' && identity.value !== null;
  const canSeal = recipient?.info.canEncrypt ?? false;
  const ready = Boolean(account && recipient && canSeal && confirmed && outDir && validName && hasIdentity);

  async function start() {
    if (!ready || !account || !recipient || !outDir) return;
    resetProgress();
    setRun({ status: 'running', cancelling: false });
    try {
      const result = await invoke('handover.export', {
        accountId: account.id,
        recipientCertificate: recipient.path,
        recipientFingerprint: recipient.info.sha256Fingerprint,
        ...(witness.trim() ? { witness: witness.trim() } : {}),
        ...(place.trim() ? { place: place.trim() } : {}),
        outDir,
        bagName,
        tar,
      });
      setRun({ status: 'done', result });
    } catch (e) {
      const error = toUiError(e);
      setRun(error.code === 'CANCELLED' ? { status: 'cancelled' } : { status: 'failed', error });
    }
  }

  async function cancel() {
    setRun((r) => (r.status === 'running' ? { ...r, cancelling: true } : r));
    await invoke('handover.cancel', {}).catch(() => undefined);
  }

  const locked = run.status === 'running';

  if (accounts.length === 0) {
    return (
      <section className="handover-screen" aria-labelledby="export-heading" data-testid="export-screen">
        <h2 id="export-heading">{t('export.heading')}</h2>
        <div className="notice notice-info" data-testid="export-no-account">
          <p className="notice-message">{t('export.noAccount')}</p>
        </div>
      </section>
    );
  }

  if (run.status === 'done') return <ExportDone result={run.result} onAgain={() => setRun({ status: 'form' })} />;

  return (
    <section className="handover-screen" aria-labelledby="export-heading" data-testid="export-screen">
      <h2 id="export-heading">{t('export.heading')}</h2>
      <p className="intro">{t('export.intro')}</p>

      {identity.status === 'ok' && identity.value === null && (
        <div className="notice notice-warning" data-testid="export-no-identity">
          <p className="notice-message">{t('export.noIdentity')}</p>
          <div className="notice-actions">
            <button type="button" className="btn" onClick={onOpenIdentity}>
              {t('export.openIdentity')}
            </button>
          </div>
        </div>
      )}

      <fieldset className="handover-step" disabled={locked}>
        <legend>{t('export.step.account')}</legend>
        <div className="field">
          <label htmlFor="export-account">{t('export.account')}</label>
          <select
            id="export-account"
            data-testid="export-account"
            value={account?.id ?? ''}
            onChange={(e) => setAccountId(e.target.value)}
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

      <fieldset className="handover-step" disabled={locked}>
        <legend>{t('export.step.recipient')}</legend>
        <p className="hint">{t('export.recipientIntro')}</p>
        <div className="inline-row">
          <button
            type="button"
            className="btn"
            data-testid="export-pick-recipient"
            onClick={() => void pickRecipient()}
          >
            {recipient ? t('export.pickRecipientAgain') : t('export.pickRecipient')}
          </button>
          {recipient && (
            <span className="file-name" data-testid="export-recipient-file">
              {baseName(recipient.path)}
            </span>
          )}
        </div>
        {recipientError && <ErrorNotice error={recipientError} testId="export-recipient-error" />}
        {recipient && (
          <>
            <CertificateCard
              info={recipient.info}
              testId="export-recipient"
              fingerprintLabel={t('export.recipientFingerprint')}
            />
            {!canSeal ? (
              <div className="notice notice-error" role="alert" data-testid="export-recipient-cannot-seal">
                <p className="notice-message">{t('export.cannotSeal')}</p>
              </div>
            ) : (
              <label className="checkbox confirm-box">
                <input
                  type="checkbox"
                  data-testid="export-confirm-fingerprint"
                  checked={confirmed}
                  onChange={(e) => setConfirmed(e.target.checked)}
                />
                <span>{t('export.confirmFingerprint', { name: recipient.info.commonName })}</span>
              </label>
            )}
          </>
        )}
      </fieldset>

      <fieldset className="handover-step" disabled={locked}>
        <legend>{t('export.step.record')}</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="export-witness">{t('export.witness')}</label>
            <input
              id="export-witness"
              data-testid="export-witness"
              value={witness}
              maxLength={200}
              placeholder={t('export.witnessPlaceholder')}
              onChange={(e) => setWitness(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="export-place">{t('export.place')}</label>
            <input
              id="export-place"
              data-testid="export-place"
              value={place}
              maxLength={200}
              placeholder={t('export.placePlaceholder')}
              onChange={(e) => setPlace(e.target.value)}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className="handover-step" disabled={locked}>
        <legend>{t('export.step.output')}</legend>
        <div className="inline-row">
          <button type="button" className="btn" data-testid="export-pick-outdir" onClick={() => void pickOutDir()}>
            {t('export.pickOutDir')}
          </button>
          <code className="path" data-testid="export-outdir">
            {outDir ?? t('export.noOutDir')}
          </code>
        </div>
        {pickError && <ErrorNotice error={pickError} testId="export-pick-error" />}
        <div className="field">
          <label htmlFor="export-bag-name">{t('export.bagName')}</label>
          <input
            id="export-bag-name"
            data-testid="export-bag-name"
            value={bagName}
            spellCheck={false}
            aria-invalid={validName ? undefined : true}
            aria-describedby="export-bag-name-hint"
            onChange={(e) => setEditedBagName(e.target.value.trim())}
          />
          <div className="hint" id="export-bag-name-hint">
            {validName ? t('export.bagNameHint') : t('export.bagNameInvalid')}
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" data-testid="export-tar" checked={tar} onChange={(e) => setTar(e.target.checked)} />
          <span>{t('export.tar')}</span>
        </label>
        {pending && run.status === 'form' && (
          <div className="notice notice-info" data-testid="export-pending">
            <p className="notice-message">{t('export.pending', { count: f.count(pending.messagesDone) })}</p>
          </div>
        )}
      </fieldset>

      {run.status === 'running' && (
        <JobProgress
          progress={progress}
          testId="export-progress"
          startingLabel={t('export.starting')}
          onCancel={() => void cancel()}
          cancelling={run.cancelling}
        />
      )}
      {run.status === 'cancelled' && (
        <div className="notice notice-warning" role="status" data-testid="export-cancelled">
          <p className="notice-message">{t('export.cancelled')}</p>
          {progress && (
            <p className="notice-text">
              {t('export.cancelledAt', {
                done: f.count(progress.messagesDone),
                total: f.count(progress.messagesTotal),
              })}
            </p>
          )}
          <div className="notice-actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="export-resume"
              disabled={!ready}
              onClick={() => void start()}
            >
              {t('export.resume')}
            </button>
          </div>
        </div>
      )}
      {run.status === 'failed' && (
        <ErrorNotice
          error={run.error}
          testId="export-error"
          actions={
            <>
              <p className="notice-advice">{t('export.failedResumable')}</p>
              <button
                type="button"
                className="btn"
                data-testid="export-retry"
                disabled={!ready}
                onClick={() => void start()}
              >
                {t('export.resume')}
              </button>
            </>
          }
        />
      )}
      {(run.status === 'form' || run.status === 'failed') && (
        <div className="form-actions">
          {!ready && <span className="hint">{t('export.notReady')}</span>}
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-start"
            disabled={!ready}
            onClick={() => void start()}
          >
            {pending ? t('export.resume') : t('export.start')}
          </button>
        </div>
      )}
    </section>
  );
}

function ExportDone({ result, onAgain }: { result: HandoverExportSummary; onAgain(): void }) {
  const { t: tMain } = useTranslation();
  const { t, language } = useHandoverT();
  const ref = useRevealOnMount<HTMLElement>('start');
  const f = formatters(language, tMain);
  return (
    <section ref={ref} className="handover-screen" aria-labelledby="export-done-heading" data-testid="export-done">
      <div className="verdict verdict-ok" role="status">
        <h2 id="export-done-heading">{t('export.done.heading')}</h2>
        <p>{t('export.done.sub')}</p>
      </div>
      <dl className="summary-list">
        <dt>{t('export.done.messages')}</dt>
        <dd data-testid="export-done-messages" data-value={result.messages}>
          {f.count(result.messages)}
        </dd>
        <dt>{t('export.done.folders')}</dt>
        <dd>{f.count(result.folders)}</dd>
        <dt>{t('export.done.size')}</dt>
        <dd>{f.size(result.bytes)}</dd>
        <dt>{t('export.done.oxum')}</dt>
        <dd>
          <code>{result.payloadOxum}</code>
        </dd>
        <dt>{t('export.done.tagmanifest')}</dt>
        <dd>
          <code className="hash" data-testid="export-done-tagmanifest">
            {result.tagmanifestSha256}
          </code>
        </dd>
        <dt>{t('export.done.bag')}</dt>
        <dd>
          <code className="path" data-testid="export-done-bag">
            {result.bagDir}
          </code>
        </dd>
        {result.tarPath && (
          <>
            <dt>{t('export.done.tar')}</dt>
            <dd>
              <code className="path" data-testid="export-done-tar">
                {result.tarPath}
              </code>
            </dd>
          </>
        )}
        {result.resumed > 0 && (
          <>
            <dt>{t('export.done.resumed')}</dt>
            <dd data-testid="export-done-resumed">{f.count(result.resumed)}</dd>
          </>
        )}
        <dt>{t('export.done.duration')}</dt>
        <dd>{f.duration(result.durationMs)}</dd>
      </dl>
      {result.consistent ? (
        <p className="hint-ok" data-testid="export-done-consistent">
          {t('export.done.consistent')}
        </p>
      ) : (
        <div className="notice notice-warning" data-testid="export-done-changes">
          <p className="notice-message">{t('export.done.changed')}</p>
          <ul>
            {result.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="notice notice-warning" data-testid="export-done-password-note">
        <p className="notice-message">{t('export.done.passwordReset')}</p>
      </div>
      <div className="notice notice-info">
        <p className="notice-text">{t('export.done.next')}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" data-testid="export-again" onClick={onAgain}>
          {t('export.done.again')}
        </button>
      </div>
    </section>
  );
}
