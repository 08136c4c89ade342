// The folder side of the mail view: the account's cached folders (cache.*,
// so they show offline) and the unit mailboxes shared with it (delegation),
// whose folders get a group and rights of their own.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderInfo } from '../../../../shared/mail.ts';
import { invoke } from '../../api.ts';
import { useSharedMailboxes, type SharedMailboxes } from '../../delegation/useSharedMailboxes.ts';
import { useLive, type Live } from '../../hooks/useLive.ts';
import { folderLabel } from '../folderLabel.ts';

export interface Folders {
  /** cache.folders: the account's own cached folders. */
  cached: Live<FolderInfo[]>;
  shared: SharedMailboxes;
  /** Every folder to show (own and shared), labelled. */
  list: FolderInfo[];
  /** The name a person reads for a folder path. */
  labelOf(path: string): string;
}

export function useFolders(accountId: string): Folders {
  const { t } = useTranslation();
  const cached = useLive(accountId, () => invoke('cache.folders', { accountId }));
  const cachedFolders = useMemo(() => cached.value ?? [], [cached.value]);
  const shared = useSharedMailboxes({ accountId, cached: cachedFolders });
  const list = shared.folders;
  const byPath = useMemo(() => new Map(list.map((f) => [f.path, f])), [list]);
  const labelOf = useCallback(
    (path: string) => {
      const f = byPath.get(path);
      return f ? folderLabel(f, t) : path;
    },
    [byPath, t],
  );
  return { cached, shared, list, labelOf };
}
