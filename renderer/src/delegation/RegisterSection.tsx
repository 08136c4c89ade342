// Sổ ủy quyền: how many records, who signed them, and whether the chain is
// intact; every problem names the record (seq) and its message (UID), in the
// service's own words (the CLI prints the same).
import type { RegisterState } from '../../../shared/delegation.ts';
import { useDelegationT } from './i18n.ts';

export function RegisterSection({ register }: { register: RegisterState }) {
  const { t, lang } = useDelegationT();
  return (
    <div data-testid="register" data-intact={register.intact} data-records={register.records}>
      {register.records === 0 && register.problems.length === 0 ? (
        <p className="muted">{t('register.empty')}</p>
      ) : (
        <p data-testid="register-summary">
          {t('register.records', { count: register.records })}
          {register.head ? `, ${t('register.head', { seq: register.head.seq })}` : ''}
        </p>
      )}
      {register.intact ? (
        register.records > 0 && (
          <p className="notice notice-ok" data-testid="register-intact">
            {t('register.intact')}
          </p>
        )
      ) : (
        <div className="notice notice-error" role="alert" data-testid="register-broken">
          <p className="notice-message">{t('register.broken')}</p>
          <ul>
            {register.problems.map((p, i) => (
              <li
                key={`${p.kind}-${p.seq ?? 'x'}-${i}`}
                data-testid="register-problem"
                data-kind={p.kind}
                data-seq={p.seq ?? ''}
                data-uid={p.uid ?? ''}
              >
                {lang === 'en' ? p.detail : p.messageVi}
              </li>
            ))}
          </ul>
        </div>
      )}
      {register.signers.length > 0 && (
        <div className="register-signers">
          <div className="label">{t('register.signers')}</div>
          <ul>
            {register.signers.map((fp) => (
              <li key={fp}>
                <code className="fingerprint-inline">{fp}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint">{t('register.folder', { folder: register.folder })}</p>
    </div>
  );
}
