// What the composer adds over the mail view: the composer window (one at a time), the outbox
// window and the drafts window. From offers the account and, for a delegate, each unit mailbox
// shared with it. The composer and its editor (TipTap) are a chunk of their own, loaded the
// first time a composer opens, so starting the app does not pay for them.
import { lazy, Suspense } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import type { UnitMailbox } from '../delegation/sharedFolders.ts';
import { useT } from '../i18n/useT.ts';
import type { FromChoice } from './ComposerFields.tsx';
import { DraftsPanel } from './DraftsPanel.tsx';
import { OutboxPanel } from './OutboxPanel.tsx';
import type { ComposeHost } from './useComposeHost.ts';
import type { Outbox } from './useOutbox.ts';
import './compose.css';

const Composer = lazy(() => import('./Composer.tsx').then((m) => ({ default: m.Composer })));

interface Props {
  account: AccountSummary;
  units: UnitMailbox[];
  host: ComposeHost;
  outbox: Outbox;
  onOpenIdentity?(): void;
}

function Loading() {
  const { t } = useT('compose');
  return (
    <div className="compose-overlay" data-testid="composer-loading">
      <p className="composer busy" role="status">
        <span className="spinner" aria-hidden="true" /> {t('loading')}
      </p>
    </div>
  );
}

export function ComposeLayer({ account, units, host, outbox, onOpenIdentity }: Props) {
  const { t } = useT('compose');
  const self = account.displayName ? `${account.displayName} <${account.email}>` : account.email;
  const fromChoices: FromChoice[] = [
    { value: '', label: self },
    ...units.filter((u) => !u.lost).map((u) => ({ value: u.owner, label: t('fromOnBehalf', { unit: u.owner }) })),
  ];
  return (
    <>
      {host.session && (
        <Suspense fallback={<Loading />}>
          <Composer
            key={host.session.key}
            accountId={account.id}
            accountEmail={account.email}
            fromChoices={fromChoices}
            session={host.session}
            onClose={host.close}
            onQueued={host.onQueued}
            {...(onOpenIdentity ? { onOpenIdentity } : {})}
          />
        </Suspense>
      )}
      {host.panel === 'outbox' && (
        <OutboxPanel
          accountId={account.id}
          outbox={outbox}
          onUndo={(id) => {
            host.showOutbox(false);
            void host.undo(id);
          }}
          onClose={() => host.showOutbox(false)}
        />
      )}
      {host.panel === 'drafts' && (
        <DraftsPanel
          accountId={account.id}
          onOpen={(input, draftId) => host.reopen(input, draftId)}
          onClose={() => host.showPanel(null)}
        />
      )}
    </>
  );
}
