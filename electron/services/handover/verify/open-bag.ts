// A bag to verify is a directory or a .tar of one: the archive must hold exactly one base
// directory and is extracted into a private temp directory (node-tar refuses absolute paths
// and `..`, so nothing lands outside it).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { VerifyProblem } from '../../../../shared/handover.ts';
import { AppError } from '../../errors/app-error.ts';

export interface OpenedBag {
  dir: string;
  cleanup: () => Promise<void>;
  problems: VerifyProblem[];
}

export async function openBag(path: string): Promise<OpenedBag> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new AppError('FILE_ERROR', `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      messageVi: `Không đọc được ${path}.`,
      cause: e,
    });
  }
  if (st.isDirectory()) return { dir: path, cleanup: async () => undefined, problems: [] };

  const name = basename(path);
  const problems: VerifyProblem[] = [];
  const root = await tarBaseDir(path);
  const temp = await mkdtemp(join(tmpdir(), 'um-verify-'));
  const cleanup = () => rm(temp, { recursive: true, force: true });
  try {
    const { extract } = await import('tar');
    await extract({ file: path, cwd: temp, strict: true, preserveOwner: false });
  } catch (e) {
    await cleanup();
    throw new AppError('PACKAGE_INVALID', `cannot extract ${name} (${(e as Error).message})`, {
      messageVi: `Không giải nén được tệp ${name}.`,
      cause: e,
    });
  }
  return { dir: join(temp, root), cleanup, problems };
}

/** The one base directory of a bag's .tar; PACKAGE_INVALID when unreadable or not exactly one. */
export async function tarBaseDir(path: string): Promise<string> {
  const name = basename(path);
  const roots = new Set<string>();
  try {
    const { list } = await import('tar');
    await list({
      file: path,
      onReadEntry: (entry) => {
        const first = entry.path.replace(/^\.\//, '').split('/')[0] ?? '';
        if (first) roots.add(first);
      },
    });
  } catch (e) {
    throw new AppError('PACKAGE_INVALID', `${name} is not a readable tar archive (${(e as Error).message})`, {
      messageVi: `Tệp ${name} không phải tệp .tar đọc được.`,
      cause: e,
    });
  }
  if (roots.size === 0) {
    throw new AppError('PACKAGE_INVALID', `${name} is neither a bag directory nor a .tar holding one`, {
      messageVi: `Tệp ${name} không phải gói bàn giao (thư mục gói hoặc tệp .tar của gói).`,
    });
  }
  if (roots.size !== 1) {
    throw new AppError('PACKAGE_INVALID', `${name} must hold one base directory, found ${roots.size}`, {
      messageVi: `Tệp ${name} phải chứa đúng một thư mục gốc của gói bàn giao.`,
    });
  }
  return [...roots][0] as string;
}
