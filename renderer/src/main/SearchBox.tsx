// The search box over the list: searches as one types (after a pause), Enter
// at once; Esc or × ends the search.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.tsx';

interface Props {
  text: string;
  onText(text: string): void;
  onSubmit(): void;
  onClear(): void;
  inputRef: Ref<HTMLInputElement>;
}

export function SearchBox({ text, onText, onSubmit, onClear, inputRef }: Props) {
  const { t } = useTranslation();
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Icon name="search" className="search-icon" />
      <input
        ref={inputRef}
        type="search"
        data-testid="search-input"
        aria-label={t('list.searchLabel')}
        placeholder={t('list.searchPlaceholder')}
        title={t('list.searchPlaceholder')}
        value={text}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClear();
          }
        }}
      />
      {text && (
        <button
          type="button"
          className="btn-icon"
          data-testid="search-clear"
          title={t('list.searchClear')}
          aria-label={t('list.searchClear')}
          onClick={onClear}
        >
          <Icon name="close" />
        </button>
      )}
    </form>
  );
}
