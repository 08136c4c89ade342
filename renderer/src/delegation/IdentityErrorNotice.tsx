// An error from a delegation call; when it is "no signing identity yet", it offers the
// way to the identity screen (the register is signed, a sealed credential is opened with it).
import type { UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useDelegationT } from './i18n.ts';

interface Props {
  error: UiError;
  testId: string;
  onOpenIdentity?: (() => void) | undefined;
  /** Shown before the button: why this action needs an identity. */
  note?: string;
}

export function IdentityErrorNotice({ error, testId, onOpenIdentity, note }: Props) {
  const { t } = useDelegationT();
  return (
    <ErrorNotice
      error={error}
      testId={testId}
      actions={
        error.code === 'IDENTITY_MISSING' && onOpenIdentity ? (
          <>
            {note && <span>{note}</span>}{' '}
            <button type="button" className="btn btn-small" data-testid="open-identity" onClick={onOpenIdentity}>
              {t('form.openIdentity')}
            </button>
          </>
        ) : undefined
      }
    />
  );
}
