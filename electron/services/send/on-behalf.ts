// Sending on behalf of a unit mailbox (Art. 10: the head authorises staff to use it). The right
// is the server's to say: the delegate's MYRIGHTS on the unit's INBOX must hold `p` (the
// "Soạn gửi thay" preset, shared/delegation.ts) and on its Sent folder `i`, so the copy can be
// filed there. The delegate's own login sends; the unit's password is never used.
import type { ImapFlow } from 'imapflow';
import { AppError } from '../errors/app-error.ts';
import { sharedMailboxesOn } from '../delegation/shared-mailboxes.ts';
import { findSentFolder } from './sent-copy.ts';

export interface OnBehalfTarget {
  /** The unit's address (From). */
  unit: string;
  /** The unit mailbox's prefix in this account's namespace, e.g. "shared/vanphong@…/". */
  prefix: string;
  /** The unit's Sent folder, in this account's namespace. */
  sentFolder: string;
}

export async function onBehalfTarget(client: ImapFlow, unitAddress: string): Promise<OnBehalfTarget> {
  const unit = unitAddress.toLowerCase();
  const boxes = await sharedMailboxesOn(client);
  const box = boxes.find((b) => b.owner.toLowerCase() === unit);
  const refuse = (why: string) =>
    new AppError('ON_BEHALF_NOT_ALLOWED', `cannot send on behalf of ${unit}: ${why}`, { data: { unit } });
  if (!box) throw refuse('the mailbox is not shared with this account');
  const inbox = box.folders.find((f) => f.path.slice(box.prefix.length).toUpperCase() === 'INBOX');
  if (!inbox?.rights.includes('p')) throw refuse(`no "p" right on its INBOX (rights: ${inbox?.rights ?? 'none'})`);
  const sentFolder = await findSentFolder(client, box.prefix);
  if (!sentFolder) throw refuse('it has no Sent folder');
  const sent = box.folders.find((f) => f.path === sentFolder);
  if (!sent?.rights.includes('i'))
    throw refuse(`no "i" right on ${sentFolder} (rights: ${sent?.rights ?? 'none'}), so the copy cannot be filed`);
  return { unit, prefix: box.prefix, sentFolder };
}
