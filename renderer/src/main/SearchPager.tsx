// Under the list's header while searching: which hits are shown of how many
// ("1–50 / 1.234 kết quả"), the previous and next pages, and a note when
// folders not indexed yet were searched on the server (or could not be).
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format/size.ts';
import { SEARCH_PAGE_SIZE, type SearchQuery } from './model/useSearchQuery.ts';

export function SearchPager({ search, locale }: { search: SearchQuery; locale: string }) {
  const { t } = useTranslation();
  const page = search.results.value;
  if (!page) return null;
  const { total, offset, hits } = page;
  const to = offset + hits.length;
  return (
    <div className="search-pager muted" data-testid="search-pager">
      <span data-testid="search-count">
        {t('list.searchCount', {
          from: formatCount(hits.length ? offset + 1 : 0, locale),
          to: formatCount(to, locale),
          total: formatCount(total, locale),
        })}
      </span>
      {total > SEARCH_PAGE_SIZE && (
        <span className="search-pages">
          <button
            type="button"
            className="btn-link"
            data-testid="search-prev"
            disabled={offset === 0}
            onClick={() => search.goTo(offset - SEARCH_PAGE_SIZE)}
          >
            {t('list.searchPrev')}
          </button>
          <button
            type="button"
            className="btn-link"
            data-testid="search-next"
            disabled={to >= total}
            onClick={() => search.goTo(offset + SEARCH_PAGE_SIZE)}
          >
            {t('list.searchNext')}
          </button>
        </span>
      )}
      {page.serverFolders.length > 0 && (
        <span className="search-note" role="status" data-testid="search-server-note">
          {page.serverUnavailable
            ? t('list.searchOffline')
            : t('list.searchServer', { folders: page.serverFolders.join(', ') })}
        </span>
      )}
    </div>
  );
}
