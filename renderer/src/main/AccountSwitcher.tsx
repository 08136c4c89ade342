import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';

/** Picks the mailbox shown; unit and personal boxes are labelled apart. */
export function AccountSwitcher({
  accounts,
  current,
  onChange,
}: {
  accounts: AccountSummary[];
  current: string;
  onChange(id: string): void;
}) {
  const { t } = useTranslation();
  return (
    <label className="account-switcher">
      <span className="visually-hidden">{t('main.account')}</span>
      <select
        data-testid="account-switcher"
        value={current}
        onChange={(e) => onChange(e.target.value)}
        aria-label={t('main.account')}
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.displayName ? `${a.displayName} — ${a.email}` : a.email}
            {a.kind === 'personal' ? ` (${t('form.kindPersonal')})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
