import { AppError } from '../errors/app-error.ts';

/** The worker threads whose death the user may see, each with what to do about it. */
export type ThreadKind = 'hash' | 'writer' | 'fetch';

const MESSAGES_VI: Record<ThreadKind, string> = {
  hash: 'Luồng tính mã băm dừng đột ngột nên việc kiểm tra gói bàn giao chưa xong. Hãy chạy lại việc kiểm tra.',
  writer:
    'Luồng ghi thư vào gói bàn giao dừng đột ngột. Các thư đã ghi xong vẫn được giữ; hãy chạy lại lệnh xuất để tiếp tục.',
  fetch:
    'Luồng tải thư của việc xuất gói dừng đột ngột. Các thư đã tải xong vẫn được giữ; hãy chạy lại lệnh xuất để tiếp tục.',
};

/**
 * A worker thread died (crashed, ran out of memory, was terminated) with work of the caller's
 * still in it: that work is lost, and every task it held is rejected with this error rather than
 * left waiting for an answer that will never come.
 */
export function threadCrashed(kind: ThreadKind, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('INTERNAL', `${kind} thread stopped: ${reason}`, {
    messageVi: MESSAGES_VI[kind],
    data: { thread: kind, state: 'crashed' },
    cause,
  });
}

/** The work was handed to threads that were already closed on purpose (a bug in the caller). */
export function threadsClosed(kind: ThreadKind): AppError {
  return new AppError('INTERNAL', `${kind} thread is closed`, { data: { thread: kind, state: 'closed' } });
}
