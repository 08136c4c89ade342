// Banners over the mail view: the account's plaintext warning, and in a unit
// mailbox whose it is and what this account may do there.
import type { AccountSummary } from '../../../shared/account.ts';
import { DelegateBanner } from '../delegation/DelegateBanner.tsx';
import { InsecureBanner } from './InsecureBanner.tsx';
import type { FolderRights } from './model/useFolderRights.ts';

export function MailboxBanners(props: { account: AccountSummary; rights: FolderRights; folder: string | null }) {
  const { unit, permits } = props.rights;
  return (
    <>
      <InsecureBanner account={props.account} />
      {unit && props.folder !== null && <DelegateBanner unit={unit} folder={props.folder} permits={permits} />}
    </>
  );
}
