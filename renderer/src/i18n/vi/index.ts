// The Vietnamese catalogues by namespace. A namespace too long for one file is
// spread from several (each at most 300 lines): 'app' is the shell and account
// forms, the mailbox view and the shortcuts window; 'handover' includes the
// signing identity.
import { appVi } from './app.ts';
import { composeVi } from './compose.ts';
import { composeMoreVi } from './compose-more.ts';
import { delegationVi } from './delegation.ts';
import { handoverVi } from './handover.ts';
import { identityVi } from './identity.ts';
import { mailVi } from './mail.ts';
import { ledgerVi } from './ledger.ts';
import { linksVi } from './links.ts';
import { mailboxVi } from './mailbox.ts';
import { noticesVi } from './notices.ts';
import { receiptsVi } from './receipts.ts';
import { rowMenuVi } from './row-menu.ts';
import { shortcutsVi } from './shortcuts.ts';

export const vi = {
  app: { ...appVi, ...mailboxVi, ...shortcutsVi, ...rowMenuVi, ledger: ledgerVi, notices: noticesVi, links: linksVi },
  mail: mailVi,
  compose: { ...composeVi, ...composeMoreVi },
  delegation: delegationVi,
  handover: { ...handoverVi, identity: identityVi },
  receipts: receiptsVi,
};

export type Resources = typeof vi;
export type Namespace = keyof Resources;
