import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import { Icon } from '../components/Icon.tsx';

/** Persistent while the account uses plaintext: the consent must not be forgotten. */
export function InsecureBanner({ account }: { account: AccountSummary }) {
  const { t } = useTranslation();
  if (!account.insecure) return null;
  return (
    <div className="banner banner-danger" role="alert" data-testid="insecure-banner">
      <Icon name="warning" /> {t('main.insecureBanner', { email: account.email })}
    </div>
  );
}
