// The live mailbox against the package, folder by folder: what is missing
// from the server, what changed, and what arrived after the handover.
import { useTranslation } from 'react-i18next';
import type { FolderDiff, PackageDiff } from '../../../shared/handover-accept.ts';
import { formatters } from './format.ts';
import { useHandoverT } from './i18n.ts';

export function ComparisonTable({ diff }: { diff: PackageDiff }) {
  const { t: tMain } = useTranslation();
  const { t, language } = useHandoverT();
  const f = formatters(language, tMain);
  const { totals } = diff;
  const cell = (n: number, tone: string) => <td className={n > 0 ? `num ${tone}` : 'num muted'}>{f.count(n)}</td>;
  return (
    <div className="comparison" data-testid="comparison">
      <p
        className={totals.missing > 0 ? 'text-danger' : 'hint-ok'}
        data-testid="comparison-summary"
        data-missing={totals.missing}
        data-changed={totals.changed}
        data-added={totals.added}
      >
        {totals.missing === 0 && totals.changed === 0
          ? t('compare.allPresent', { added: f.count(totals.added) })
          : t('compare.summary', {
              missing: f.count(totals.missing),
              changed: f.count(totals.changed),
              added: f.count(totals.added),
            })}
      </p>
      <table className="data-table">
        <caption className="visually-hidden">{t('compare.caption')}</caption>
        <ComparisonHead />
        <tbody>
          {diff.folders.map((row) => (
            <tr
              key={row.path}
              data-testid="comparison-row"
              data-folder={row.path}
              data-missing={row.missing}
              data-changed={row.changed}
              data-added={row.added}
            >
              <FolderCell row={row} />
              <td className="num">{f.count(row.inPackage)}</td>
              <td className="num">{f.count(row.live)}</td>
              {cell(row.missing, 'text-danger')}
              {cell(row.changed, 'text-warning')}
              {cell(row.added, 'text-info')}
            </tr>
          ))}
          {diff.newFolders.map((path) => (
            <tr key={`new:${path}`} data-testid="comparison-new-folder" data-folder={path}>
              <th scope="row">
                {path} <span className="badge">{t('compare.newFolder')}</span>
              </th>
              <td className="num muted">—</td>
              <td className="num muted">—</td>
              <td className="num muted">—</td>
              <td className="num muted">—</td>
              <td className="num muted">—</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="comparison-totals">
            <th scope="row">{t('compare.total')}</th>
            <td className="num">{f.count(totals.inPackage)}</td>
            <td className="num">{f.count(totals.live)}</td>
            {cell(totals.missing, 'text-danger')}
            {cell(totals.changed, 'text-warning')}
            {cell(totals.added, 'text-info')}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ComparisonHead() {
  const { t } = useHandoverT();
  return (
    <thead>
      <tr>
        <th scope="col">{t('compare.folder')}</th>
        <th scope="col" className="num">
          {t('compare.inPackage')}
        </th>
        <th scope="col" className="num">
          {t('compare.onServer')}
        </th>
        <th scope="col" className="num">
          {t('compare.missing')}
        </th>
        <th scope="col" className="num">
          {t('compare.changed')}
        </th>
        <th scope="col" className="num">
          {t('compare.added')}
        </th>
      </tr>
    </thead>
  );
}

/** The folder's name with what is special about it: gone, rebuilt, or the app's own records. */
function FolderCell({ row }: { row: FolderDiff }) {
  const { t } = useHandoverT();
  return (
    <th scope="row">
      {row.path}
      {!row.existsLive && <span className="badge">{t('compare.folderGone')}</span>}
      {row.appRecords && (
        <span className="badge" title={t('compare.appRecordsHelp')}>
          {t('compare.appRecords')}
        </span>
      )}
      {row.existsLive && row.uidValidityChanged && (
        <span className="badge" title={t('compare.rebuiltHelp')}>
          {t('compare.rebuilt')}
        </span>
      )}
    </th>
  );
}
