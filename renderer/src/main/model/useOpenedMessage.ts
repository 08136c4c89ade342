// The message in the reading pane: which one is open and its details
// (mail.message). Opening a message never marks it read.
import { useState } from 'react';
import type { MessageDetail } from '../../../../shared/mail.ts';
import { invoke } from '../../api.ts';
import { useAsync, type AsyncHandle } from '../../hooks/useAsync.ts';
import { useStable } from '../../hooks/useStable.ts';
import type { ListRow } from '../../list/rows.ts';
import type { RowSource } from '../../list/sources.ts';

export interface Opened {
  key: string;
  folder: string;
  uid: number;
}

export interface OpenedMessage {
  opened: Opened | null;
  detail: AsyncHandle<MessageDetail>;
  open(row: ListRow): void;
  close(): void;
  /** The open message as a list row (from the list when it is there, else from the reader). */
  row(): ListRow | null;
}

/** A list row made from the reader's copy of a message whose row is not loaded. */
export function rowFromDetail(opened: Opened, d: MessageDetail): ListRow {
  return {
    key: opened.key,
    depth: 0,
    msg: {
      folder: opened.folder,
      uid: d.uid,
      date: d.date,
      from: d.from,
      to: d.to,
      subject: d.subject,
      flags: d.flags,
      size: 0,
      hasAttachments: d.attachments.length > 0,
      threadId: d.messageId ?? opened.key,
      isDirective: false,
      urgency: 0,
      snippet: '',
    },
  };
}

export function useOpenedMessage(accountId: string, source: RowSource): OpenedMessage {
  const [opened, setOpened] = useState<Opened | null>(null);
  const detailKey = opened ? JSON.stringify([accountId, opened.folder, opened.uid]) : null;
  const detail = useAsync(detailKey, () =>
    invoke('mail.message', { accountId, folder: opened?.folder ?? '', uid: opened?.uid ?? 1 }),
  );
  const open = useStable((row: ListRow) => setOpened({ key: row.key, folder: row.msg.folder, uid: row.msg.uid }));
  const close = useStable(() => setOpened(null));
  const row = useStable((): ListRow | null => {
    if (!opened) return null;
    const listed = source.rowByKey(opened.key);
    if (listed) return listed;
    if (detail.state.status !== 'ok') return null;
    return rowFromDetail(opened, detail.state.value);
  });
  return { opened, detail, open, close, row };
}
