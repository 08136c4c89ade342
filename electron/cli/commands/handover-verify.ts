// `unit-mailbox handover verify`: needs no account, keychain or settings, so the CLI runs it
// without building the app services (and without loading their modules): an auditor's
// check of a large bag should cost the hashing, not the start-up.
//
// Exit codes: 0 valid and the signer authenticated (--ca or --expect-signer), 1 invalid or
// unreadable, 2 usage, 3 valid mathematically but the signer NOT authenticated.
import { readFile } from 'node:fs/promises';
import { fingerprintHex, type VerifyReport } from '../../../shared/handover.ts';
import { AppError } from '../../services/errors/app-error.ts';
import { parseCertificates } from '../../services/identity/certificates.ts';
import { verifyBag } from '../../services/handover/verify/verify-bag.ts';
import type { CliIo, Output, Values } from '../args.ts';
import { handoverProgressBar } from '../handover-progress.ts';
import { UsageError } from '../usage.ts';
import type { Clock } from '../../services/clock/clock.ts';

/** Exit code of a mathematically valid bag whose signer nothing vouches for. */
export const EXIT_UNAUTHENTICATED = 3;

export const UNAUTHENTICATED_VI = 'chữ ký hợp lệ về mặt toán học nhưng người ký CHƯA được xác thực';
const UNAUTHENTICATED_EN = 'the signature is mathematically valid but the signer is NOT authenticated';

export async function verifyCommand(path: string, v: Values, io: CliIo, clock: Clock): Promise<Output> {
  const expectSigner = v['expect-signer'] === undefined ? undefined : fingerprintArg(v['expect-signer']);
  const trusted = v.ca ? [await readCertificate(v.ca, '--ca')] : [];
  const report = await verifyBag(path, {
    clock,
    trustedCertificates: trusted,
    ...(expectSigner ? { expectSigner } : {}),
    onProgress: handoverProgressBar(io.stderr, 'hashing'),
  });
  const exitCode = !report.valid ? 1 : report.authenticatedBy ? 0 : EXIT_UNAUTHENTICATED;
  return { data: report, text: formatReport(report), exitCode };
}

function formatReport(r: VerifyReport): string {
  const head = !r.valid
    ? `KHÔNG HỢP LỆ / INVALID: ${r.bag}`
    : r.authenticatedBy
      ? `HỢP LỆ / VALID: ${r.bag}`
      : `CHƯA XÁC THỰC NGƯỜI KÝ / SIGNER NOT AUTHENTICATED: ${r.bag}`;
  const lines = [
    head,
    `  ${r.counts.messages} thư / messages, ${r.counts.folders} thư mục / folders, ${r.counts.files} tệp / payload files, Payload-Oxum ${r.payloadOxum.actual}`,
  ];
  if (r.signature) {
    const chain =
      r.authenticatedBy === 'ca'
        ? 'chuỗi tin cậy tới CA đã cho / chain to the given CA'
        : r.authenticatedBy === 'pinned'
          ? 'đúng dấu vân tay mong đợi / the expected fingerprint'
          : r.signature.chain === 'self-signed'
            ? 'chứng thư tự cấp / self-signed'
            : 'chưa kiểm chuỗi / chain not checked';
    lines.push(`  Người ký / signer: ${r.signature.signerSubject ?? '?'}`);
    lines.push(`  SHA-256: ${r.signature.signerFingerprint ?? '?'} (${chain})`);
    if (r.signature.signingTime) lines.push(`  Ký lúc / signed at: ${r.signature.signingTime}`);
  }
  if (r.valid && !r.authenticatedBy) {
    lines.push(`  ! ${UNAUTHENTICATED_VI} / ${UNAUTHENTICATED_EN}.`);
    lines.push(
      '  ! Đối chiếu dấu vân tay SHA-256 trên với dấu vân tay nhận qua kênh khác (trực tiếp, điện thoại), rồi chạy lại với --expect-signer SHA256 hoặc --ca PEM của đơn vị cấp chứng thư.',
    );
    lines.push(
      '  ! Compare the SHA-256 above with one received another way, then run again with --expect-signer SHA256 or --ca PEM.',
    );
  }
  for (const p of r.problems) lines.push(`  [${p.kind}] ${p.file || '(gói / bag)'}: ${p.detail}`);
  return lines.join('\n');
}

/** `AA:BB:…` or 64 hex digits. */
function fingerprintArg(value: string): string {
  const hex = fingerprintHex(value);
  if (hex === null)
    throw new UsageError(
      `--expect-signer: cần dấu vân tay SHA-256 (64 chữ số hex, cho phép ":") / takes a SHA-256 fingerprint (64 hex digits, ":" allowed), not "${value}"`,
      { showUsage: false },
    );
  return hex;
}

/** A certificate file: one clear error when it is missing or holds no certificate. */
async function readCertificate(path: string, flag: string): Promise<Uint8Array> {
  const bytes = await readInput(path, flag);
  try {
    parseCertificates(bytes);
  } catch (e) {
    throw new AppError('CERTIFICATE_INVALID', `${flag} ${path} holds no X.509 certificate (PEM or DER)`, {
      messageVi: `Tệp ${path} (${flag}) không chứa chứng thư số X.509 (PEM hoặc DER).`,
      cause: e,
    });
  }
  return bytes;
}

export async function readInput(path: string, flag: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const what = code === 'ENOENT' ? 'không tồn tại' : code === 'EISDIR' ? 'là một thư mục' : 'không đọc được';
    throw new AppError('FILE_ERROR', `cannot read ${flag} ${path} (${code})`, {
      messageVi: `Tệp ${path} (${flag}) ${what}.`,
      cause: e,
    });
  }
}
