import { basename } from 'node:path';
import { AppError } from './app-error.ts';

/** The errno code of a failed file operation ('ENOENT', 'EACCES'…), or 'error' when there is none. */
export function errnoCode(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? (e as NodeJS.ErrnoException).code : undefined;
  return code === undefined ? 'error' : String(code);
}

/** FILE_ERROR for a file read or written on the user's behalf: its base name and the errno code. */
export function fileError(op: 'read' | 'write', path: string, e: unknown): AppError {
  return new AppError('FILE_ERROR', `cannot ${op} ${basename(path)}: ${errnoCode(e)}`, { cause: e });
}
