// `unit-mailbox handover export|verify`: the signed handover bag from the command line.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PackageDiff } from '../../../shared/handover-accept.ts';
import type { HandoverProgress } from '../../../shared/handover.ts';
import { AppError } from '../../services/errors/app-error.ts';
import type { ExportResult } from '../../services/handover/export/export-handover.ts';
import type { AppServices } from '../../services/app-services.ts';
import { handoverProgressBar } from '../handover-progress.ts';
import { UsageError } from '../usage.ts';
import { formatOpenItems } from './handover-open-items.ts';
import { formatRestore } from './handover-restore.ts';
import { readInput, verifyCommand } from './handover-verify.ts';
import { required, requireAccount, type CliIo, type CommandGroup, type Output, type Values } from '../args.ts';

export const handoverCommands: CommandGroup = async (sub, args, v, s, io) => {
  switch (sub) {
    case 'export':
      if (args.length > 0) throw new UsageError(`unexpected argument: ${args[0]}`);
      return exportCommand(v, s, io);
    case 'verify':
      if (args.length !== 1) throw new UsageError('handover verify takes exactly one PATH (bag directory or .tar)');
      return verifyCommand(args[0] as string, v, io, s.caps.clock);
    case 'accept':
      if (args.length !== 1) throw new UsageError('handover accept takes exactly one PATH (bag directory or .tar)');
      return acceptCommand(args[0] as string, v, s, io);
    case 'diff':
      if (args.length !== 1) throw new UsageError('handover diff takes exactly one PATH (bag directory or .tar)');
      return diffCommand(args[0] as string, v, s);
    default:
      throw new UsageError(`unknown handover command: ${sub ?? '(none)'}`);
  }
};

/**
 * Memory of a long export (the CLI process does only this job). The transfer makes garbage at
 * line speed: V8 would grow the young generation to 64 MB for it and never give that back, so it
 * is held at its starting size (cheap scavenges). One full collection when the messages are done,
 * and again before signing, lets the indexes, the record and the PDF reuse the memory of the
 * transfer instead of adding to the peak. Collections forced during the transfer cost far more
 * CPU than they saved memory (BENCHMARKS.md, "Design measurements").
 */
function tuneMemoryForExport(): (p: HandoverProgress) => void {
  if (process.env.UM_NO_V8_TUNING) return () => undefined;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let last: HandoverProgress['phase'] | null = null;
  return (p) => {
    if (p.phase === last) return;
    last = p.phase;
    if (p.phase === 'indexes' || p.phase === 'seal') gc();
  };
}

async function exportCommand(v: Values, s: AppServices, io: CliIo): Promise<Output> {
  const collect = tuneMemoryForExport();
  const bar = handoverProgressBar(io.stderr);
  const accountId = requireAccount(v, s);
  const recipientFile = required(v['recipient-cert'], '--recipient-cert');
  const out = required(v.out, '--out');
  const recipientCertificate = await readInput(recipientFile, '--recipient-cert');

  // Ctrl-C stops at the next safe point; the state on disk lets the same command resume.
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    io.stderr.write('\nĐang dừng… / stopping…\n');
    controller.abort();
  };
  // Ctrl-C belongs to the export while it runs. Other listeners are set aside meanwhile: conf's
  // atomic writer (when-exit) re-raises SIGINT on itself, which would turn one Ctrl-C into two.
  const others = process.rawListeners('SIGINT') as ((...args: unknown[]) => void)[];
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', onSigint);
  let result: ExportResult;
  try {
    result = await s.handover.export(
      {
        accountId,
        recipientCertificate,
        outDir: out,
        tar: v.tar === true,
        ...(v.witness ? { witness: v.witness } : {}),
        ...(v.place ? { place: v.place } : {}),
      },
      {
        signal: controller.signal,
        onProgress: (p) => {
          collect(p);
          bar(p);
        },
      },
    );
  } catch (e) {
    if (controller.signal.aborted)
      throw new AppError('CANCELLED', `export of ${out} interrupted; run the same command again to resume`, {
        messageVi: `Đã dừng xuất gói bàn giao. Chạy lại đúng lệnh này để tiếp tục từ chỗ đã dừng (thư đã tải không phải tải lại).`,
      });
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    for (const listener of others) process.on('SIGINT', listener);
  }
  const lines = [
    `Đã xuất gói bàn giao / handover bag written: ${result.bagDir}`,
    ...(result.tarPath ? [`  tar: ${result.tarPath}`] : []),
    `  ${result.messages} thư / messages, ${result.bytes} bytes, Payload-Oxum ${result.payloadOxum}`,
    `  tagmanifest-sha256.txt SHA-256: ${result.tagmanifestSha256}`,
    ...(result.resumed ? [`  tiếp tục / resumed: ${result.resumed} thư đã có sẵn, không tải lại`] : []),
    result.consistent
      ? '  Ảnh chụp nhất quán / snapshot consistent'
      : `  CẢNH BÁO / WARNING: hộp thư thay đổi trong khi xuất:\n${result.changes.map((c) => `    - ${c}`).join('\n')}`,
  ];
  return { data: result, text: lines.join('\n') };
}

async function acceptCommand(path: string, v: Values, s: AppServices, io: CliIo): Promise<Output> {
  const accountEmail = required(v['account-email'], '--account-email');
  const caPem = v.ca ? await readInput(v.ca, '--ca') : undefined;
  const result = await s.handover.accept(
    path,
    { accountEmail, restore: v.restore === true },
    { ...(caPem ? { caPem } : {}), onProgress: handoverProgressBar(io.stderr, 'hashing') },
  );
  const lines = [
    // The open items first: what the incoming head must take over before anything else.
    ...formatOpenItems(result.ledger),
    `Đã tiếp nhận hộp thư / mailbox accepted: ${result.email}${result.replacedExisting ? ' (đã cập nhật tài khoản có sẵn / existing account updated)' : ''}`,
    `  Gói hợp lệ / package valid; người ký / signer ${result.verification.signature?.signerFingerprint ?? '?'}`,
    formatDiff(result.diff),
    ...(result.restore ? formatRestore(result.restore) : []),
    `  Biên nhận / receipt: ${result.receipt.files.join(', ')}`,
    result.receipt.mailboxFolder
      ? `  Lưu trong hộp thư / stored in the mailbox: ${result.receipt.mailboxFolder}`
      : `  CHƯA lưu vào hộp thư / NOT stored in the mailbox: ${result.receipt.mailboxError ?? ''}`,
    ...result.reminders.map((r) => `  ! ${r}`),
  ];
  return { data: result, text: lines.join('\n') };
}

async function diffCommand(path: string, v: Values, s: AppServices): Promise<Output> {
  const diff = await s.handover.diff(path, requireAccount(v, s));
  const differs = diff.totals.missing + diff.totals.changed > 0;
  return { data: diff, text: formatDiff(diff), exitCode: differs ? 1 : 0 };
}

function formatDiff(d: PackageDiff): string {
  const t = d.totals;
  const lines = [
    `  Đối chiếu / comparison: gói ${t.inPackage}, máy chủ ${t.live}; thiếu / missing ${t.missing}, khác / changed ${t.changed}, mới / new since ${t.added}`,
  ];
  for (const f of d.folders) {
    if (f.missing + f.changed + f.added === 0 && f.existsLive) continue;
    const gone = f.existsLive ? '' : ' (không còn trên máy chủ / gone from the server)';
    const state = `${gone}${f.appRecords ? ' (hồ sơ của ứng dụng, không tính là thư / app records, not counted as mail)' : ''}`;
    lines.push(`    ${f.path}${state}: thiếu ${f.missing}, khác ${f.changed}, mới ${f.added}`);
  }
  for (const path of d.newFolders) lines.push(`    ${path}: thư mục mới / new folder`);
  return lines.join('\n');
}
