// "Ủy quyền" in the top bar, for a unit mailbox.
import { Icon } from '../components/Icon.tsx';
import { useDelegationT } from './i18n.ts';

export function DelegationButton({ onOpen }: { onOpen(): void }) {
  const { t } = useDelegationT();
  return (
    <button
      type="button"
      className="btn btn-ghost"
      data-testid="btn-delegation"
      title={t('entry.title')}
      onClick={onOpen}
    >
      <Icon name="lock" /> {t('entry.button')}
    </button>
  );
}
