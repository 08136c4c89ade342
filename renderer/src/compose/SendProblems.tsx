// What stopped "Gửi", shown in the composer: the page's own checks, main's Art. 11 refusal of
// free webmail (naming the addresses), any other error in main's words; and the confirmation
// for recipients outside the official domains ("Vẫn gửi"); the warning on state-secret
// markings ("Không gửi" first); signing without an identity, with the way to the identity screen.
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/useT.ts';
import type { SecretMarkingHit } from '../../../shared/send-policy.ts';
import type { SendProblem } from './useComposeSend.ts';

export function SendProblemNotice(props: { problem: SendProblem | null; onOpenIdentity?: () => void }) {
  const { t } = useT('compose');
  const { problem, onOpenIdentity } = props;
  if (!problem || problem.kind === 'outside' || problem.kind === 'secret') return null;
  if (problem.kind === 'error') return <ErrorNotice error={problem.error} testId="compose-error" />;
  if (problem.kind === 'identity') {
    return (
      <div className="notice notice-error" role="alert" data-testid="compose-identity-missing">
        <p>{problem.error.payload.messageVi}</p>
        {onOpenIdentity && (
          <button type="button" className="btn btn-small" data-testid="compose-open-identity" onClick={onOpenIdentity}>
            {t('sign.openIdentity')}
          </button>
        )}
      </div>
    );
  }
  if (problem.kind === 'freemail') {
    return (
      <div className="notice notice-error compose-refusal" role="alert" data-testid="compose-refusal">
        <strong>{t('refusal.title')}</strong>
        <p>{t('refusal.body')}</p>
        <ul data-testid="compose-refusal-addresses">
          {problem.addresses.map((a) => (
            <li key={a}>
              <bdi dir="ltr">{a}</bdi>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="notice notice-error" role="alert" data-testid="compose-check">
      {problem.kind === 'noRecipients'
        ? t('check.noRecipients')
        : t('check.invalid', { list: problem.texts.join(', ') })}
    </p>
  );
}

export function OutsideDomainConfirm(props: { addresses: string[]; onConfirm(): void; onCancel(): void }) {
  const { t } = useT('compose');
  return (
    <ConfirmDialog
      title={t('outside.title')}
      confirmLabel={t('outside.confirm')}
      cancelLabel={t('outside.review')}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      testId="compose-outside-confirm"
    >
      <p>{t('outside.body')}</p>
      <ul data-testid="compose-outside-addresses">
        {props.addresses.map((a) => (
          <li key={a}>
            <bdi dir="ltr">{a}</bdi>
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}

/** "Mật", "Tối mật", "Tuyệt mật" found before sending: "Không gửi" (focused first) or "Vẫn gửi". */
export function SecretMarkingConfirm(props: { hits: SecretMarkingHit[]; onConfirm(): void; onCancel(): void }) {
  const { t } = useT('compose');
  return (
    <ConfirmDialog
      title={t('secret.title')}
      confirmLabel={t('secret.confirm')}
      cancelLabel={t('secret.cancel')}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      testId="compose-secret-confirm"
      danger
    >
      <p>{t('secret.intro')}</p>
      <ul data-testid="compose-secret-hits">
        {props.hits.map((h) => (
          <li key={`${h.where}\n${h.marking}\n${h.excerpt}`}>
            {t(`secret.where.${h.where}`, { marking: h.marking, excerpt: h.excerpt })}
          </li>
        ))}
      </ul>
      <p>{t('secret.law')}</p>
    </ConfirmDialog>
  );
}
