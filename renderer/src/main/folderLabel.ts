// Special-use folders get a localised name and icon; the unit's own folders
// keep their server name exactly ("Chỉ đạo", "Hồ sơ & Lưu trữ").
import type { TFunction } from 'i18next';
import type { FolderInfo, SpecialUse } from '../../../shared/mail.ts';
import type { IconName } from '../components/Icon.tsx';
import { specialUseOf } from './folderTree.ts';

const SPECIAL: Record<
  SpecialUse,
  { key: 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'all' | 'flagged'; icon: IconName }
> = {
  '\\Inbox': { key: 'inbox', icon: 'inbox' },
  '\\Sent': { key: 'sent', icon: 'sent' },
  '\\Drafts': { key: 'drafts', icon: 'drafts' },
  '\\Trash': { key: 'trash', icon: 'trash' },
  '\\Junk': { key: 'junk', icon: 'junk' },
  '\\Archive': { key: 'archive', icon: 'archive' },
  '\\All': { key: 'all', icon: 'all' },
  '\\Flagged': { key: 'flagged', icon: 'flag' },
};

export function folderLabel(folder: FolderInfo, t: TFunction): string {
  const use = specialUseOf(folder);
  return use ? t(`folders.${SPECIAL[use].key}`) : folder.name;
}

export function folderIcon(folder: FolderInfo): IconName {
  const use = specialUseOf(folder);
  return use ? SPECIAL[use].icon : 'folder';
}
