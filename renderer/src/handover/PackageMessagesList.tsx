// The messages a comparison names in one folder (missing from the server, or changed on it), read
// from the package page by page: date, sender and subject, with "N / M" so nothing is cut off
// unseen. Shown under the folder's row of the comparison table.
import { useEffect, useRef, useState } from 'react';
import { PACKAGE_MESSAGES_PAGE } from '../../../shared/contract-handover.ts';
import type { PackageMessageRow } from '../../../shared/handover-accept.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useHandoverT } from './i18n.ts';

export type DiffKind = 'missing' | 'changed';

interface Props {
  bagPath: string;
  folder: string;
  kind: DiffKind;
  /** The package UIDs the comparison names, in its order. */
  uids: readonly number[];
}

export function PackageMessagesList({ bagPath, folder, kind, uids }: Props) {
  const { t, f } = useHandoverT();
  // Pages asked for so far, and what each brought (its rows, or why it failed).
  const [pages, setPages] = useState(1);
  const [results, setResults] = useState<ReadonlyMap<number, PackageMessageRow[] | UiError>>(new Map());
  const inFlight = useRef(new Set<number>());

  useEffect(() => {
    for (let p = 0; p < pages; p++) {
      if (results.has(p) || inFlight.current.has(p)) continue;
      inFlight.current.add(p);
      const page = uids.slice(p * PACKAGE_MESSAGES_PAGE, (p + 1) * PACKAGE_MESSAGES_PAGE);
      void invoke('handover.packageMessages', { path: bagPath, folder, uids: page })
        .then(
          (found): PackageMessageRow[] | UiError => found,
          (e: unknown) => toUiError(e),
        )
        .then((outcome) => {
          inFlight.current.delete(p);
          setResults((m) => new Map(m).set(p, outcome));
        });
    }
  }, [bagPath, folder, uids, pages, results]);

  const outcomes = Array.from({ length: pages }, (_, p) => results.get(p));
  const rows = outcomes.flatMap((o) => (Array.isArray(o) ? o : []));
  const error = outcomes.find((o): o is UiError => o !== undefined && !Array.isArray(o)) ?? null;
  const busy = outcomes.some((o) => o === undefined);
  const asked = Math.min(uids.length, pages * PACKAGE_MESSAGES_PAGE);
  const retry = () => setResults((m) => new Map([...m].filter(([, o]) => Array.isArray(o))));

  return (
    <div className="package-messages" data-testid="comparison-messages" data-folder={folder} data-kind={kind}>
      <p className="muted small" data-testid="comparison-messages-count" aria-live="polite">
        {t(kind === 'missing' ? 'compare.listMissing' : 'compare.listChanged', {
          folder,
          shown: f.count(rows.length),
          total: f.count(uids.length),
        })}
      </p>
      <ul>
        {rows.map((m) => (
          <li key={m.uid} data-testid="comparison-message" data-uid={m.uid}>
            <span className="package-message-date">{f.dateTime(m.internalDate)}</span>
            <span className="package-message-from">{m.from}</span>
            <span className="package-message-subject">{m.subject || t('compare.noSubject')}</span>
          </li>
        ))}
      </ul>
      {error && (
        <>
          <ErrorNotice error={error} testId="comparison-messages-error" />
          <button type="button" className="btn btn-small" onClick={retry}>
            {t('compare.retry')}
          </button>
        </>
      )}
      {!error && asked < uids.length && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="comparison-messages-more"
          disabled={busy}
          onClick={() => setPages((n) => n + 1)}
        >
          {busy ? t('compare.loading') : t('compare.more')}
        </button>
      )}
    </div>
  );
}
