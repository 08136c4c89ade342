// Over the list: what it shows (the folder's name, "Kết quả tìm kiếm (n)"…)
// with its count, and how many messages are selected.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format/size.ts';
import type { RowSource } from '../list/sources.ts';
import type { ListMode } from './model/useMailView.ts';

/** The list's heading (also the listbox's name). */
export function listHeading(mode: ListMode, total: number | null, title: string, t: TFunction, locale: string): string {
  if (mode !== 'search') return title;
  return total !== null ? t('list.searchResults', { n: formatCount(total, locale) }) : t('list.searching');
}

function countText(source: RowSource, mode: ListMode, conversations: boolean, t: TFunction, locale: string): string {
  const total = source.total();
  if (total === null) return '';
  if (mode === 'folder' && conversations) {
    return t(source.complete?.() === false ? 'list.threadsMore' : 'list.threadsTotal', {
      n: formatCount(source.groups?.() ?? total, locale),
    });
  }
  return mode !== 'search' ? t('list.total', { n: formatCount(total, locale) }) : '';
}

interface Props {
  source: RowSource;
  mode: ListMode;
  conversations: boolean;
  heading: string;
  /** Messages selected. */
  chosen: number;
  locale: string;
}

export function ListHeader({ source, mode, conversations, heading, chosen, locale }: Props) {
  const { t } = useTranslation();
  return (
    <header className="list-header">
      <h2 className="list-title" data-testid="list-title">
        {heading}
      </h2>
      <span className="list-count muted" data-testid="list-count">
        {countText(source, mode, conversations, t, locale)}
        {chosen > 1 && (
          <span className="list-selected" data-testid="selected-count">
            {' · '}
            {t('list.selected', { n: formatCount(chosen, locale) })}
          </span>
        )}
      </span>
    </header>
  );
}
