// "Ủy quyền", the unit head's panel for a unit mailbox: who holds which
// rights (the register's grants and the live ACLs folder by folder, in plain
// words), granting and revoking, drift between the two with a one-click fix,
// and the integrity of the Sổ ủy quyền. On a server without IMAP ACL it says
// so and offers the sealed-credential fallback instead.
import { useCallback, useEffect, useState } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import type { CheckReport, DelegationGrant } from '../../../shared/delegation.ts';
import { invoke, onEvent } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useLive } from '../hooks/useLive.ts';
import { CredentialFallback } from './CredentialFallback.tsx';
import { DriftSection } from './DriftSection.tsx';
import { FolderAclTable } from './FolderAclTable.tsx';
import { GrantForm } from './GrantForm.tsx';
import { GrantsTable } from './GrantsTable.tsx';
import { useDelegationT } from './i18n.ts';
import { RegisterSection } from './RegisterSection.tsx';
import './delegation.css';

interface Props {
  account: AccountSummary;
  onClose(): void;
  /** Opens the digital-signature screen (the register is signed with the head's identity). */
  onOpenIdentity?: () => void;
}

export function DelegationPanel({ account, onClose, onOpenIdentity }: Props) {
  const { t } = useDelegationT();
  const accountId = account.id;
  const [editing, setEditing] = useState<{ grant: DelegationGrant | null; key: number }>({ grant: null, key: 0 });
  // Live values: a reload after a grant keeps the panel (and the form's answer) on screen.
  const overview = useLive(accountId, () => invoke('delegation.overview', { accountId }));
  const check = useLive(accountId, () => invoke('delegation.check', { accountId }));
  const [checking, setChecking] = useState(false);
  const preferences = useAsync('preferences', () => invoke('preferences.get', {}));
  const unsupported = overview.value !== undefined && !overview.value.aclSupported;
  const support = useAsync(unsupported ? accountId : null, () => invoke('delegation.aclSupport', { accountId }));

  const { refresh: refreshOverview } = overview;
  const { refresh: refreshCheck } = check;
  const reload = useCallback(() => {
    refreshOverview();
    refreshCheck();
  }, [refreshOverview, refreshCheck]);
  useEffect(
    () =>
      onEvent('delegation.changed', (event) => {
        if (event.accountId === accountId) reload();
      }),
    [accountId, reload],
  );
  const onFixed = (report: CheckReport) => {
    check.update(() => report);
    refreshOverview();
  };
  const edit = (grant: DelegationGrant) => setEditing((e) => ({ grant, key: e.key + 1 }));

  const domains =
    preferences.state.status === 'ok' ? preferences.state.value.officialDomains : [account.email.split('@')[1] ?? ''];
  const value = overview.value;
  // The register as last read: the check's copy is newer when it ran after a fix.
  const register = check.value?.register ?? value?.register ?? null;

  return (
    <div className="overlay" data-testid="delegation-panel">
      <div className="overlay-card delegation-card" role="dialog" aria-labelledby="delegation-title">
        <header className="first-run-header">
          <div>
            <div className="brand-small">{t('panel.title')}</div>
            <h1 id="delegation-title">{account.email}</h1>
          </div>
          <div className="inline-row">
            <button type="button" className="btn btn-ghost" data-testid="delegation-reload" onClick={reload}>
              <Icon name="refresh" /> {t('panel.reload')}
            </button>
            <button type="button" className="btn btn-ghost" data-testid="delegation-close" onClick={onClose}>
              <Icon name="close" /> {t('panel.close')}
            </button>
          </div>
        </header>
        <p className="intro">{t('panel.intro')}</p>

        {overview.loading && (
          <div className="busy" role="status" data-testid="delegation-loading">
            <span className="spinner" aria-hidden="true" />
            <span className="muted">{t('panel.loading')}</span>
          </div>
        )}
        {overview.error && <ErrorNotice error={overview.error} testId="delegation-error" />}
        {value && (
          <>
            {value.appliedToNewFolders.length > 0 && (
              <p className="notice notice-info" data-testid="applied-new-folders">
                {t('panel.appliedToNew', { list: value.appliedToNewFolders.join(', ') })}
              </p>
            )}
            <section className="card-section" aria-labelledby="delegation-grants">
              <h2 id="delegation-grants">{t('section.grants')}</h2>
              <GrantsTable
                accountId={accountId}
                grants={value.grants}
                folders={value.folders}
                onChanged={reload}
                onEdit={edit}
              />
            </section>

            {value.aclSupported ? (
              <>
                <section className="card-section" aria-labelledby="delegation-grant">
                  <h2 id="delegation-grant">{t('section.grant')}</h2>
                  <GrantForm
                    key={editing.key}
                    accountId={accountId}
                    mailbox={value.mailbox}
                    folders={value.folders}
                    officialDomains={domains}
                    initial={editing.grant}
                    onGranted={reload}
                    {...(onOpenIdentity ? { onOpenIdentity } : {})}
                  />
                </section>
                <section className="card-section" aria-labelledby="delegation-folders">
                  <h2 id="delegation-folders">{t('section.folders')}</h2>
                  <FolderAclTable folders={value.folders} />
                </section>
                <section className="card-section" aria-labelledby="delegation-drift">
                  <h2 id="delegation-drift">{t('section.drift')}</h2>
                  <DriftSection
                    accountId={accountId}
                    report={check.value}
                    error={check.error}
                    checking={check.loading || checking}
                    folders={value.folders}
                    onCheck={() => {
                      setChecking(true);
                      invoke('delegation.check', { accountId })
                        .then((report) => check.update(() => report))
                        .catch(() => refreshCheck())
                        .finally(() => setChecking(false));
                    }}
                    onFixed={onFixed}
                  />
                </section>
              </>
            ) : (
              <section className="card-section" aria-labelledby="delegation-fallback">
                <h2 id="delegation-fallback">{t('section.fallback')}</h2>
                <CredentialFallback
                  accountId={accountId}
                  mailbox={value.mailbox}
                  support={support.state.status === 'ok' ? support.state.value : null}
                  onChanged={reload}
                  {...(onOpenIdentity ? { onOpenIdentity } : {})}
                />
              </section>
            )}

            {register && (
              <section className="card-section" aria-labelledby="delegation-register">
                <h2 id="delegation-register">{t('section.register')}</h2>
                <RegisterSection register={register} />
              </section>
            )}
          </>
        )}
      </div>
    </div>
  );
}
