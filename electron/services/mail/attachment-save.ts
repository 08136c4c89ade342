import { writeFile } from 'node:fs/promises';
import { markOrigin, messageImapUrl, senderUrl, type OriginMarkDeps, type OriginMarkResult } from './origin-mark.ts';

export interface SaveSource {
  /** The account's IMAP server, for the origin URL. */
  imap: { host: string; port: number };
  folder: string;
  uid: number;
  sender: string | null;
}

/**
 * Writes an attachment where the user chose, then marks it with where it
 * came from (the message's IMAP URL, the sender) the way the OS expects, so
 * the OS treats it as a file from the Internet when it is opened.
 */
export async function saveAttachmentFile(
  path: string,
  content: Buffer,
  source: SaveSource,
  deps: OriginMarkDeps,
): Promise<OriginMarkResult> {
  await writeFile(path, content, { flag: 'w' });
  return markOrigin(
    path,
    {
      originUrl: messageImapUrl(source.imap.host, source.imap.port, source.folder, source.uid),
      referrerUrl: senderUrl(source.sender),
    },
    deps,
  );
}
