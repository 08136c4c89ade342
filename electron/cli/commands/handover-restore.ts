// What `handover accept --restore` put back, in the CLI's words: per folder the messages and their
// size, the folders created again, and what was left alone and why.
import type { RestoreResult, RestoreSkip } from '../../../shared/handover-accept.ts';
import { formatMiB } from '../../services/handover/record/record-text.ts';

const SKIP_REASON: Record<RestoreSkip['reason'], string> = {
  changed:
    'còn trên máy chủ nhưng đã thay đổi (cờ, kích thước), giữ bản trên máy chủ / still on the server but changed, the server copy is kept',
  'not-in-package': 'không có tệp trong gói / no file in the package',
};

export function formatRestore(r: RestoreResult): string[] {
  const lines =
    r.restored === 0
      ? ['  Khôi phục / restore: không có thư nào bị mất cần khôi phục / nothing was missing']
      : [
          `  Đã khôi phục / restored: ${r.restored} thư / messages (${formatMiB(r.bytes)}) vào ${r.folders.length} thư mục / folders:`,
          ...r.folders.map(
            (f) =>
              `    ${f.path}: ${f.restored} thư / messages (${formatMiB(f.bytes)})` +
              (f.created ? ' — thư mục được tạo lại / folder created again' : ''),
          ),
        ];
  if (r.skipped.length > 0) {
    lines.push('  Không khôi phục / not restored:');
    for (const s of r.skipped) lines.push(`    ${s.path}: ${s.messages} thư / messages — ${SKIP_REASON[s.reason]}`);
  }
  return lines;
}
