// `folders` and `messages`: answered from the local cache (so they work offline), after a sync
// when asked (--refresh) or when the cache has never been filled; counts and limits are stated.
import type { SyncSummary } from '../../../shared/mail.ts';
import type { AppServices } from '../../services/app-services.ts';
import { AppError } from '../../services/errors/app-error.ts';
import { intOption, required, requireAccount, single, type CliIo, type Output, type Values } from '../args.ts';
import { formatFolders, formatMessages } from '../format.ts';
import { progressBar } from '../progress.ts';

/** Syncs first when asked, or when the cache knows nothing yet (nothing could be answered from it). */
async function refreshIfNeeded(
  s: AppServices,
  io: CliIo,
  accountId: string,
  v: Values,
  needed: boolean,
): Promise<SyncSummary | null> {
  if (v.refresh !== true && !needed) return null;
  const off = s.events.on('sync.progress', progressBar(io.stderr));
  try {
    return await s.sync.start(accountId, v.folder);
  } finally {
    off();
  }
}

const syncedLine = (summary: SyncSummary | null) =>
  summary
    ? `\nĐã đồng bộ trước / synced first: +${summary.added} ~${summary.updated} -${summary.removed}`
    : '\nTừ bộ nhớ đệm / from the local cache (--refresh to sync first)';

export async function foldersCommand(v: Values, s: AppServices, io: CliIo): Promise<Output> {
  const accountId = requireAccount(v, s);
  const empty = s.caches.get(accountId).folders().length === 0;
  const summary = await refreshIfNeeded(s, io, accountId, { ...v, folder: undefined }, empty);
  const folders = s.caches.get(accountId).folders();
  const messages = folders.reduce((n, f) => n + (f.messages ?? 0), 0);
  return {
    data: folders,
    text: `${formatFolders(folders)}\n${folders.length} thư mục, ${messages} thư / ${folders.length} folders, ${messages} messages${syncedLine(summary)}`,
  };
}

export async function messagesCommand(v: Values, s: AppServices, io: CliIo): Promise<Output> {
  const folder = required(single(v.folder), '--folder');
  // No hidden maximum: any --limit, and --offset to page.
  const limit = v.limit === undefined ? 50 : intOption('--limit', v.limit, 1, Number.MAX_SAFE_INTEGER);
  const offset = v.offset === undefined ? 0 : intOption('--offset', v.offset, 0, Number.MAX_SAFE_INTEGER);
  const accountId = requireAccount(v, s);
  const known = () =>
    s.caches
      .get(accountId)
      .folders()
      .some((f) => f.path === folder);
  const synced = s.caches.get(accountId).folderState(folder).uidValidity !== null;
  const summary = await refreshIfNeeded(s, io, accountId, { ...v, folder: known() ? [folder] : undefined }, !synced);
  if (!known())
    throw new AppError('FOLDER_NOT_FOUND', `folder ${folder} is not in the local cache of this account`, {
      messageVi: `Không có thư mục "${folder}" trong bộ nhớ đệm của tài khoản (thử --refresh).`,
    });
  const page = s.caches.get(accountId).list({ folder, offset, limit });
  const shown = page.rows.length;
  const range = shown ? `${offset + 1}–${offset + shown}` : '0';
  const more = offset + shown < page.total ? ' (--offset/--limit để xem tiếp / to see more)' : '';
  return {
    data: { folder, total: page.total, offset, shown, messages: page.rows },
    text: `${formatMessages(page.rows)}\n${range} / ${page.total} thư / messages${more}${syncedLine(summary)}`,
  };
}
