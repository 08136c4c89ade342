// An identity error with what to do next: a wrong .p12 password or a broken
// file (IDENTITY_INVALID) and a locked or missing keychain (KEYCHAIN_UNAVAILABLE:
// the private key is never stored anywhere else, so nothing was saved).
import type { UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useHandoverT, type HandoverKey } from '../handover/i18n.ts';

const ADVICE: Partial<Record<string, HandoverKey>> = {
  IDENTITY_INVALID: 'identity.advice.IDENTITY_INVALID',
  KEYCHAIN_UNAVAILABLE: 'identity.advice.KEYCHAIN_UNAVAILABLE',
  IDENTITY_MISSING: 'identity.advice.IDENTITY_MISSING',
  CERTIFICATE_INVALID: 'identity.advice.CERTIFICATE_INVALID',
  FILE_ERROR: 'identity.advice.FILE_ERROR',
};

export function IdentityError({ error, testId }: { error: UiError; testId: string }) {
  const { t } = useHandoverT();
  const advice = ADVICE[error.code];
  return (
    <ErrorNotice
      error={error}
      testId={testId}
      actions={advice ? <p className="notice-advice">{t(advice)}</p> : undefined}
    />
  );
}
