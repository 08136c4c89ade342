// Drift: a live right no record of the register explains (set by another
// client or an administrator), or a recorded right gone from the server. Each
// has a one-click "Sửa", which is itself signed into the register.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckReport, FolderAcl, RegisterRecordDto } from '../../../shared/delegation.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { folderTitle } from './format.ts';
import { useDelegationT } from './i18n.ts';
import { RightsWords } from './RightsWords.tsx';

interface Props {
  accountId: string;
  report: CheckReport | undefined;
  error: UiError | null;
  checking: boolean;
  folders: FolderAcl[];
  onCheck(): void;
  onFixed(report: CheckReport): void;
}

export function DriftSection({ accountId, report, error: checkError, checking, folders, onCheck, onFixed }: Props) {
  const { t, lang } = useDelegationT();
  const { t: tm } = useTranslation();
  const [fixing, setFixing] = useState<string | null>(null);
  const [fixed, setFixed] = useState<RegisterRecordDto | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const nameOf = (path: string) => folderTitle(path, folders.find((f) => f.path === path)?.name ?? path, tm);

  async function fix(findingId: string) {
    setFixing(findingId);
    setFixed(null);
    setError(null);
    try {
      const { record, report } = await invoke('delegation.fixDrift', { accountId, findingId });
      setFixed(record);
      onFixed(report);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setFixing(null);
    }
  }

  return (
    <div data-testid="drift">
      <div className="inline-row">
        <button type="button" className="btn btn-small" data-testid="drift-check" disabled={checking} onClick={onCheck}>
          {checking ? t('drift.checking') : t('drift.check')}
        </button>
      </div>
      {checkError && <ErrorNotice error={checkError} testId="drift-error" />}
      {report &&
        (report.drift.length === 0 ? (
          <p className="notice notice-ok" data-testid="drift-ok">
            {t('drift.ok')}
          </p>
        ) : (
          <div className="notice notice-warning" role="alert" data-testid="drift-findings">
            <p className="notice-message">{t('drift.found', { count: report.drift.length })}</p>
            <ul className="drift-list">
              {report.drift.map((f) => (
                <li key={f.id} data-testid="drift-finding" data-kind={f.kind} data-identifier={f.identifier}>
                  <div>
                    <strong>{f.kind === 'unexplained' ? t('drift.unexplained') : t('drift.missing')}</strong>
                    {' — '}
                    {t('drift.where', { identifier: f.identifier, folder: nameOf(f.folder) })}:{' '}
                    <RightsWords rights={f.rights} />
                  </div>
                  <div className="small">{lang === 'en' ? f.detail : f.messageVi}</div>
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    data-testid="drift-fix"
                    disabled={fixing !== null}
                    onClick={() => void fix(f.id)}
                  >
                    {fixing === f.id ? t('drift.fixing') : t('drift.fix')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      {fixed && (
        <p className="notice notice-ok" role="status" data-testid="drift-fixed">
          {t('drift.fixed', { seq: fixed.seq })}
        </p>
      )}
      {error && <ErrorNotice error={error} testId="drift-fix-error" />}
    </div>
  );
}
