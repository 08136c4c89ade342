// Revoking a sealed credential: the unit password is changed, step by step,
// and the reset recorded against every envelope it voids.
import { useId, useState, type FormEvent } from 'react';
import { invoke } from '../api.ts';
import { useDelegationT } from './i18n.ts';
import type { FallbackBusy, FallbackStep } from './useCredentialSeal.ts';

interface Props {
  accountId: string;
  mailbox: string;
  /** The step running, if any: nothing else starts meanwhile. */
  busy: FallbackBusy;
  run: FallbackStep;
  onChanged(): void;
}

export function PasswordResetSection({ accountId, mailbox, busy, run, onChanged }: Props) {
  const { t } = useDelegationT();
  const ids = useId();
  const [password, setPassword] = useState('');
  const [resetCount, setResetCount] = useState<number | null>(null);

  async function reset(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    await run('reset', async () => {
      const { records } = await invoke('delegation.passwordReset', { accountId, newPassword: password });
      setResetCount(records.length);
      setPassword('');
      onChanged();
    });
  }

  return (
    <form className="card-section" data-testid="password-reset" onSubmit={(e) => void reset(e)}>
      <h3>{t('fallback.resetTitle')}</h3>
      <ol className="reset-steps">
        <li>{t('fallback.resetStep1', { mailbox })}</li>
        <li>{t('fallback.resetStep2')}</li>
        <li>{t('fallback.resetStep3')}</li>
      </ol>
      <div className="field">
        <label htmlFor={`${ids}-password`}>{t('fallback.newPassword')}</label>
        <input
          id={`${ids}-password`}
          type="password"
          autoComplete="new-password"
          data-testid="reset-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" data-testid="reset-submit" disabled={!password || busy !== null}>
          {busy === 'reset' ? t('fallback.resetting') : t('fallback.resetSubmit')}
        </button>
      </div>
      {resetCount !== null && (
        <p className="notice notice-ok" role="status" data-testid="reset-done">
          {t('fallback.resetDone', { count: resetCount })}
        </p>
      )}
    </form>
  );
}
