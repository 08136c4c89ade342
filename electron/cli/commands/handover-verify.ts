// `unit-mailbox handover verify`: needs no account, keychain or settings, so the CLI runs it
// without building the app services (and without loading their modules): an auditor's
// check of a large bag should cost the hashing, not the start-up.
import { readFile } from 'node:fs/promises';
import type { VerifyReport } from '../../../shared/handover.ts';
import { verifyBag } from '../../services/handover/verify/verify-bag.ts';
import type { CliIo, Output, Values } from '../args.ts';
import { handoverProgressBar } from '../handover-progress.ts';
import { UsageError } from '../usage.ts';
import type { Clock } from '../../services/clock/clock.ts';

export async function verifyCommand(path: string, v: Values, io: CliIo, clock: Clock): Promise<Output> {
  const trusted = v.ca ? [await readInput(v.ca, '--ca')] : [];
  const report = await verifyBag(path, {
    clock,
    trustedCertificates: trusted,
    onProgress: handoverProgressBar(io.stderr, 'hashing'),
  });
  return { data: report, text: formatReport(report), exitCode: report.valid ? 0 : 1 };
}

function formatReport(r: VerifyReport): string {
  const lines = [
    r.valid ? `HỢP LỆ / VALID: ${r.bag}` : `KHÔNG HỢP LỆ / INVALID: ${r.bag}`,
    `  ${r.counts.messages} thư / messages, ${r.counts.folders} thư mục / folders, ${r.counts.files} tệp / payload files, Payload-Oxum ${r.payloadOxum.actual}`,
  ];
  if (r.signature) {
    const chain =
      r.signature.chain === 'self-signed'
        ? 'chứng thư tự cấp / self-signed: đối chiếu dấu vân tay / compare the fingerprint'
        : r.signature.chain === 'trusted'
          ? 'chuỗi tin cậy / trusted chain'
          : 'không tin cậy / untrusted';
    lines.push(`  Người ký / signer: ${r.signature.signerSubject ?? '?'}`);
    lines.push(`  SHA-256: ${r.signature.signerFingerprint ?? '?'} (${chain})`);
    if (r.signature.signingTime) lines.push(`  Ký lúc / signed at: ${r.signature.signingTime}`);
  }
  for (const p of r.problems) lines.push(`  [${p.kind}] ${p.file}: ${p.detail}`);
  return lines.join('\n');
}

export async function readInput(path: string, flag: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`cannot read ${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
