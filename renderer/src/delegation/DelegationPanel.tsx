// "Ủy quyền", the unit head's panel for a unit mailbox: who holds which
// rights (the register's grants and the live ACLs folder by folder, in plain
// words), granting and revoking, drift between the two with a one-click fix,
// and the integrity of the Sổ ủy quyền. On a server without IMAP ACL it says
// so and offers the sealed-credential fallback instead.
import { useRef, useState } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import type { DelegationGrant, DelegationOverview } from '../../../shared/delegation.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { CredentialFallback } from './CredentialFallback.tsx';
import { DriftSection } from './DriftSection.tsx';
import { FolderAclTable } from './FolderAclTable.tsx';
import { GrantForm } from './GrantForm.tsx';
import { GrantsTable } from './GrantsTable.tsx';
import { useDelegationT } from './i18n.ts';
import { RegisterSection } from './RegisterSection.tsx';
import { useDelegationOverview, type DelegationData } from './useDelegationOverview.ts';
import './delegation.css';
import { Busy } from '../components/Busy.tsx';

interface Props {
  account: AccountSummary;
  onClose(): void;
  /** Opens the digital-signature screen (the register is signed with the head's identity). */
  onOpenIdentity?: () => void;
}

export function DelegationPanel({ account, onClose, onOpenIdentity }: Props) {
  const { t } = useDelegationT();
  const card = useRef<HTMLDivElement>(null);
  useModalFocus(card, onClose);
  const data = useDelegationOverview(account);
  const { overview } = data;

  return (
    <div className="overlay" data-testid="delegation-panel">
      <div
        ref={card}
        className="overlay-card delegation-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="delegation-title"
      >
        <header className="first-run-header">
          <div>
            <div className="brand-small">{t('panel.title')}</div>
            <h1 id="delegation-title">{account.email}</h1>
          </div>
          <div className="inline-row">
            <button type="button" className="btn btn-ghost" data-testid="delegation-reload" onClick={data.reload}>
              <Icon name="refresh" /> {t('panel.reload')}
            </button>
            <button type="button" className="btn btn-ghost" data-testid="delegation-close" onClick={onClose}>
              <Icon name="close" /> {t('panel.close')}
            </button>
          </div>
        </header>
        <p className="intro">{t('panel.intro')}</p>

        {overview.loading && <Busy text={t('panel.loading')} testId="delegation-loading" />}
        {overview.error && <ErrorNotice error={overview.error} testId="delegation-error" />}
        {overview.value && (
          <DelegationSections
            accountId={account.id}
            value={overview.value}
            data={data}
            {...(onOpenIdentity ? { onOpenIdentity } : {})}
          />
        )}
      </div>
    </div>
  );
}

interface SectionProps {
  accountId: string;
  value: DelegationOverview;
  data: DelegationData;
  onOpenIdentity?: () => void;
}

/** The panel's sections once the overview is known. */
function DelegationSections({ accountId, value, data, onOpenIdentity }: SectionProps) {
  const { t } = useDelegationT();
  const [editing, setEditing] = useState<{ grant: DelegationGrant | null; key: number }>({ grant: null, key: 0 });
  const edit = (grant: DelegationGrant) => setEditing((e) => ({ grant, key: e.key + 1 }));
  const identity = onOpenIdentity ? { onOpenIdentity } : {};
  return (
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
          onChanged={data.reload}
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
              officialDomains={data.domains}
              initial={editing.grant}
              onGranted={data.reload}
              {...identity}
            />
          </section>
          <AclSections accountId={accountId} value={value} data={data} />
        </>
      ) : (
        <section className="card-section" aria-labelledby="delegation-fallback">
          <h2 id="delegation-fallback">{t('section.fallback')}</h2>
          <CredentialFallback
            accountId={accountId}
            mailbox={value.mailbox}
            support={data.support}
            onChanged={data.reload}
            {...identity}
          />
        </section>
      )}

      {data.register && (
        <section className="card-section" aria-labelledby="delegation-register">
          <h2 id="delegation-register">{t('section.register')}</h2>
          <RegisterSection register={data.register} />
        </section>
      )}
    </>
  );
}

/** With IMAP ACL: the folders' live rights and the drift from the register. */
function AclSections({ accountId, value, data }: Omit<SectionProps, 'onOpenIdentity'>) {
  const { t } = useDelegationT();
  return (
    <>
      <section className="card-section" aria-labelledby="delegation-folders">
        <h2 id="delegation-folders">{t('section.folders')}</h2>
        <FolderAclTable folders={value.folders} />
      </section>
      <section className="card-section" aria-labelledby="delegation-drift">
        <h2 id="delegation-drift">{t('section.drift')}</h2>
        <DriftSection
          accountId={accountId}
          report={data.check.value}
          error={data.check.error}
          checking={data.checking}
          folders={value.folders}
          onCheck={data.runCheck}
          onFixed={data.onFixed}
        />
      </section>
    </>
  );
}
