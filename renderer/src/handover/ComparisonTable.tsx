// The live mailbox against the package, folder by folder: what is missing
// from the server, what changed, and what arrived after the handover. A count
// of missing or changed messages opens their list under the folder's row.
import { Fragment, useState } from 'react';
import type { FolderDiff, PackageDiff } from '../../../shared/handover-accept.ts';
import { useHandoverT } from './i18n.ts';
import { PackageMessagesList, type DiffKind } from './PackageMessagesList.tsx';

type Open = { diff: PackageDiff; folder: string; kind: DiffKind } | null;

/** `bagPath`: the package compared; with it, the missing and changed counts open their messages. */
export function ComparisonTable({ diff, bagPath }: { diff: PackageDiff; bagPath?: string }) {
  const { t, f } = useHandoverT();
  const { totals } = diff;
  // The list shown belongs to the comparison it was opened on: a new one (after a restore) names
  // other messages, so its lists start closed.
  const [opened, setOpen] = useState<Open>(null);
  const open = opened?.diff === diff ? opened : null;
  return (
    <div className="comparison" data-testid="comparison">
      <ComparisonSummary diff={diff} />
      <table className="data-table">
        <caption className="visually-hidden">{t('compare.caption')}</caption>
        <ComparisonHead />
        <tbody>
          {diff.folders.map((row) => (
            <FolderRows key={row.path} row={row} bagPath={bagPath} open={open} onOpen={setOpen} diff={diff} />
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
            <CountCell n={totals.missing} tone="text-danger" />
            <CountCell n={totals.changed} tone="text-warning" />
            <CountCell n={totals.added} tone="text-info" />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ComparisonSummary({ diff: { totals } }: { diff: PackageDiff }) {
  const { t, f } = useHandoverT();
  return (
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
  );
}

function CountCell({ n, tone }: { n: number; tone: string }) {
  const { f } = useHandoverT();
  return <td className={n > 0 ? `num ${tone}` : 'num muted'}>{f.count(n)}</td>;
}

interface FolderRowsProps {
  row: FolderDiff;
  diff: PackageDiff;
  bagPath: string | undefined;
  open: Open;
  onOpen(open: Open): void;
}

/** A folder's row and, when one of its counts is open, the list of those messages under it. */
function FolderRows({ row, diff, bagPath, open, onOpen }: FolderRowsProps) {
  const { t, f } = useHandoverT();
  const listCell = (kind: DiffKind, tone: string) => {
    const n = kind === 'missing' ? row.missing : row.changed;
    if (n === 0 || !bagPath) return <CountCell n={n} tone={tone} />;
    const shown = open?.folder === row.path && open.kind === kind;
    return (
      <td className={`num ${tone}`}>
        <button
          type="button"
          className="btn btn-link"
          data-testid="comparison-show"
          data-kind={kind}
          aria-expanded={shown}
          title={t(kind === 'missing' ? 'compare.showMissing' : 'compare.showChanged', { folder: row.path })}
          onClick={() => onOpen(shown ? null : { diff, folder: row.path, kind })}
        >
          {f.count(n)}
        </button>
      </td>
    );
  };
  return (
    <Fragment>
      <tr
        data-testid="comparison-row"
        data-folder={row.path}
        data-missing={row.missing}
        data-changed={row.changed}
        data-added={row.added}
      >
        <FolderCell row={row} />
        <td className="num">{f.count(row.inPackage)}</td>
        <td className="num">{f.count(row.live)}</td>
        {listCell('missing', 'text-danger')}
        {listCell('changed', 'text-warning')}
        <CountCell n={row.added} tone="text-info" />
      </tr>
      {bagPath && open?.folder === row.path && (
        <tr className="comparison-detail">
          <td colSpan={6}>
            <PackageMessagesList
              key={open.kind}
              bagPath={bagPath}
              folder={row.path}
              kind={open.kind}
              uids={open.kind === 'missing' ? row.missingUids : row.changedUids}
            />
          </td>
        </tr>
      )}
    </Fragment>
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
