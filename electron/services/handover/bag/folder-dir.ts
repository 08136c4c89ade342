// Directory names of the folders under data/eml/: the mailbox's hierarchy kept as nested names
// (Mailbag §4.2.2), each one a safe ASCII name valid on every file system a handover may be
// copied to, Windows included. The original names stay in data/index/folders.json.
import { createHash } from 'node:crypto';

/** Longest bag-relative path of a message file: data/eml/<dir>/<id>.eml (Windows' MAX_PATH leaves room for the bag's own directory). */
export const MAX_BAG_PATH = 200;
/** data/eml/ in front, "/<id>.eml" behind: ids up to 10 digits. */
const MAX_DIR = MAX_BAG_PATH - 'data/eml/'.length - '/1234567890.eml'.length;
/** One name at most this long, so that a few levels of hierarchy fit. */
const MAX_SEGMENT = 60;

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * One folder name as a safe directory name: diacritics removed (đ → d), runs of anything but
 * ASCII letters, digits, '.', '_' and '-' become '_', no leading or trailing dot, no Windows
 * device name (CON, NUL, COM1.txt… get a '_'), never "<digits>.eml" (a message file's name).
 */
export function safeSegment(name: string): string {
  let s = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[.]+/, '_')
    .slice(0, MAX_SEGMENT)
    .replace(/[._]+$/, '');
  if (s === '' || s === '-') s = 'folder';
  if (RESERVED.test(s)) s = s.replace(/^([^.]*)/, '$1_');
  if (/^\d+\.eml$/i.test(s)) s = `${s}_`;
  return s;
}

const shortHash = (text: string) =>
  createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex').slice(0, 8);

interface FolderName {
  path: string;
  delimiter: string;
}

/**
 * The directory (relative to data/eml/) of every folder, by decoded path. Parents come before
 * their children (byte order of the paths), so a child sits inside its parent's directory; a
 * name already taken in the same directory (compared without case, as Windows does) gets the
 * short hash of its full path, so the outcome depends on the set of folders only. A hierarchy
 * too deep for the path limit continues in a hashed directory at the top.
 */
export function folderDirs(folders: readonly FolderName[]): Map<string, string> {
  const ordered = [...folders].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const dirs = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (dir: string) => taken.add(dir.toLowerCase());
  const dirOf = (path: string, delimiter: string): string => {
    const known = dirs.get(path);
    if (known !== undefined) return known;
    const cut = delimiter ? path.lastIndexOf(delimiter) : -1;
    const parent = cut > 0 ? dirOf(path.slice(0, cut), delimiter) : '';
    const name = cut > 0 ? path.slice(cut + delimiter.length) : path;
    const prefix = parent ? `${parent}/` : '';
    let dir = `${prefix}${safeSegment(name)}`;
    if (taken.has(dir.toLowerCase()) || dir.length > MAX_DIR) {
      const base = safeSegment(name).slice(0, MAX_SEGMENT - 9);
      dir = `${prefix}${base}-${shortHash(path)}`;
    }
    if (dir.length > MAX_DIR || taken.has(dir.toLowerCase()))
      dir = `_deep-${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
    claim(dir);
    dirs.set(path, dir);
    return dir;
  };
  for (const f of ordered) dirOf(f.path, f.delimiter);
  const out = new Map<string, string>();
  for (const f of folders) out.set(f.path, dirs.get(f.path) as string);
  return out;
}

/** Why a bag-relative path would not be valid on Windows, or null. */
export function windowsPathProblem(path: string): string | null {
  if (path.length > MAX_BAG_PATH) return `longer than ${MAX_BAG_PATH} characters`;
  for (const seg of path.split('/')) {
    // eslint-disable-next-line no-control-regex
    if (/[<>:"\\|?*\u0000-\u001f]/.test(seg)) return `"${seg}" has a character Windows forbids`;
    if (/[. ]$/.test(seg)) return `"${seg}" ends with a dot or a space`;
    if (RESERVED.test(seg)) return `"${seg}" is a Windows device name`;
    if (seg === '') return 'empty name';
  }
  return null;
}
