import { createHash } from 'node:crypto';
import { asciiSlug } from '../../../../shared/ascii-slug.ts';

/**
 * ASCII directory name for a folder: a readable slug of the decoded path plus a short hash of it,
 * so that names differing only in diacritics or case ("Đã xử lý" and "Da xu ly") stay apart and
 * the id of a folder is the same in every export.
 */
export function folderId(decodedPath: string): string {
  const slug = asciiSlug(decodedPath, 40);
  const hash = createHash('sha256').update(decodedPath.normalize('NFC'), 'utf8').digest('hex').slice(0, 8);
  return `${slug || 'folder'}-${hash}`;
}
