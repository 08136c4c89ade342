// The English catalogues by namespace, assembled like vi/index.ts.
import type { Translation } from '../types.ts';
import type { Resources } from '../vi/index.ts';
import { appEn } from './app.ts';
import { composeEn } from './compose.ts';
import { composeMoreEn } from './compose-more.ts';
import { delegationEn } from './delegation.ts';
import { handoverEn } from './handover.ts';
import { identityEn } from './identity.ts';
import { mailEn } from './mail.ts';
import { ledgerEn } from './ledger.ts';
import { linksEn } from './links.ts';
import { mailboxEn } from './mailbox.ts';
import { noticesEn } from './notices.ts';
import { receiptsEn } from './receipts.ts';
import { rowMenuEn } from './row-menu.ts';
import { shortcutsEn } from './shortcuts.ts';

export const en: Translation<Resources> = {
  app: { ...appEn, ...mailboxEn, ...shortcutsEn, ...rowMenuEn, ledger: ledgerEn, notices: noticesEn, links: linksEn },
  mail: mailEn,
  compose: { ...composeEn, ...composeMoreEn },
  delegation: delegationEn,
  handover: { ...handoverEn, identity: identityEn },
  receipts: receiptsEn,
};
