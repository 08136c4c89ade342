// Who holds which rights on the unit mailbox, as the register says, with the
// status of each grant and "Thu hồi" (DELETEACL everywhere, then GETACL to
// confirm). The result names the measured time to loss of access.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GRANT_STATUS_WORDS,
  ROLE_LABELS,
  type DelegationGrant,
  type FolderAcl,
  type RevokeResult,
} from '../../../shared/delegation.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { folderTitle, formatDay, formatSeconds } from './format.ts';
import { useDelegationT } from './i18n.ts';
import { RightsWords } from './RightsWords.tsx';

interface Props {
  accountId: string;
  grants: DelegationGrant[];
  folders: FolderAcl[];
  onChanged(): void;
  onEdit(grant: DelegationGrant): void;
}

const REVOCABLE = new Set(['active', 'scheduled', 'expired-revoking']);

export function GrantsTable({ accountId, grants, folders, onChanged, onEdit }: Props) {
  const { t } = useDelegationT();
  const { t: tm } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [result, setResult] = useState<RevokeResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const nameOf = (path: string) => folderTitle(path, folders.find((f) => f.path === path)?.name ?? path, tm);

  async function revoke(delegate: string) {
    setConfirming(null);
    setRevoking(delegate);
    setResult(null);
    setError(null);
    try {
      setResult(await invoke('delegation.revoke', { accountId, delegate }));
      onChanged();
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setRevoking(null);
    }
  }

  return (
    <>
      {grants.length === 0 ? (
        <p className="muted" data-testid="grants-empty">
          {t('grants.none')}
        </p>
      ) : (
        <table className="delegation-table" data-testid="grants-table">
          <GrantsHead />
          <tbody>
            {grants.map((g) => (
              <GrantRow
                key={g.delegate}
                grant={g}
                revoking={revoking}
                nameOf={nameOf}
                onEdit={onEdit}
                onRevoke={setConfirming}
              />
            ))}
          </tbody>
        </table>
      )}
      {result && <RevokeNotice result={result} nameOf={nameOf} />}
      {error && <ErrorNotice error={error} testId="revoke-error" />}
      {confirming && (
        <ConfirmDialog
          title={t('grants.confirmTitle', { delegate: confirming })}
          confirmLabel={t('grants.confirm')}
          cancelLabel={t('grants.cancel')}
          onConfirm={() => void revoke(confirming)}
          onCancel={() => setConfirming(null)}
          testId="revoke-dialog"
          danger
        >
          <p>{t('grants.confirmText', { delegate: confirming })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function GrantsHead() {
  const { t } = useDelegationT();
  return (
    <thead>
      <tr>
        <th>{t('grants.delegate')}</th>
        <th>{t('grants.role')}</th>
        <th>{t('grants.rights')}</th>
        <th>{t('grants.scope')}</th>
        <th>{t('grants.validity')}</th>
        <th>{t('grants.status')}</th>
        <th>
          <span className="visually-hidden">{t('grants.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}

interface RowProps {
  grant: DelegationGrant;
  /** The delegate whose grant is being revoked, if any. */
  revoking: string | null;
  nameOf(path: string): string;
  onEdit(grant: DelegationGrant): void;
  onRevoke(delegate: string): void;
}

function GrantRow({ grant: g, revoking, nameOf, onEdit, onRevoke }: RowProps) {
  const { t, lang, locale } = useDelegationT();
  const busy = revoking === g.delegate;
  const role =
    g.mode === 'credential'
      ? t('grants.credentialMode')
      : g.role === 'none' || g.role === 'credential'
        ? '—'
        : ROLE_LABELS[g.role][lang];
  return (
    <tr data-testid="grant-row" data-delegate={g.delegate} data-status={g.status}>
      <td className="grant-delegate">{g.delegate}</td>
      <td data-testid="grant-role">{role}</td>
      <td>{g.mode === 'acl' ? <RightsWords rights={g.rights} testId="grant-rights" /> : '—'}</td>
      <td data-testid="grant-scope">
        {g.scope === 'all'
          ? t('scope.all')
          : t('scope.some', { count: g.scope.length, list: g.scope.map(nameOf).join(', ') })}
      </td>
      <td>
        {g.validUntil
          ? t('validity.until', { from: formatDay(g.validFrom, locale), until: formatDay(g.validUntil, locale) })
          : t('validity.open', { from: formatDay(g.validFrom, locale) })}
      </td>
      <td>
        <span className={`grant-status status-${busy ? 'revoking' : g.status}`} data-testid="grant-status">
          {busy ? t('grants.revoking') : GRANT_STATUS_WORDS[g.status][lang]}
        </span>
      </td>
      <td className="grant-actions">
        {g.mode === 'acl' && REVOCABLE.has(g.status) && (
          <>
            <button
              type="button"
              className="btn btn-small"
              data-testid="grant-edit"
              disabled={revoking !== null}
              onClick={() => onEdit(g)}
            >
              {t('grants.change')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              data-testid="grant-revoke"
              disabled={revoking !== null}
              onClick={() => onRevoke(g.delegate)}
            >
              {t('grants.revoke')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** What a revocation did, with the measured time to loss of access. */
function RevokeNotice({ result, nameOf }: { result: RevokeResult; nameOf(path: string): string }) {
  const { t, locale } = useDelegationT();
  return (
    <div
      className={`notice ${result.confirmedEmpty ? 'notice-ok' : 'notice-warning'}`}
      role="status"
      data-testid="revoke-result"
      data-confirmed={result.confirmedEmpty}
      data-elapsed-ms={result.elapsedMs}
    >
      <p className="notice-message">
        {result.confirmedEmpty
          ? t('grants.revoked', {
              delegate: result.delegate,
              count: result.folders.length,
              seconds: formatSeconds(result.elapsedMs, locale),
            })
          : t('grants.revokedRemaining', {
              delegate: result.delegate,
              list: result.remaining.map((r) => nameOf(r.path)).join(', '),
            })}
      </p>
      <p className="small">{t('grants.revokedSessionNote', { delegate: result.delegate })}</p>
    </div>
  );
}
