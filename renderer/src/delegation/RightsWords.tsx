// Rights as people read them ("đọc thư, gắn nhãn/cờ, …"); the RFC 4314
// letters only in the tooltip, for the IT Centre.
import { normalizeRights, rightsInWords } from '../../../shared/delegation.ts';
import { useDelegationT } from './i18n.ts';

export function RightsWords({ rights, testId }: { rights: string; testId?: string }) {
  const { t, lang } = useDelegationT();
  const letters = normalizeRights(rights).rights;
  const words = rightsInWords(letters, lang);
  return (
    <span
      className="rights-words"
      title={t('folders.letters', { letters: letters || '—' })}
      data-rights={letters}
      data-testid={testId}
    >
      {words.length > 0 ? words.join(', ') : t('folders.none')}
    </span>
  );
}
