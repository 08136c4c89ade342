// The incoming head's countersigned acceptance: a statement (JSON, exact bytes signed) and
// two detached CMS signatures by the incoming head's identity, one over the statement and
// one over the bag's tagmanifest (the countersignature of what was received). They go into
// seal/ of the package (outside the tagmanifest, so the bag stays valid) and, by the caller,
// into the mailbox's record folder so the history of handovers travels with the mailbox.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackageDiff, RestoreResult } from '../../../../shared/handover-accept.ts';
import type { VerifyReport } from '../../../../shared/handover.ts';
import { signDetached } from '../../cms/cms.ts';
import { AppError } from '../../errors/app-error.ts';
import type { CertificateInfo, Signer } from '../../identity/signer.ts';
import { tarBaseDir } from '../verify/open-bag.ts';

export const ACCEPTANCE_FORMAT = 'unit-mailbox-acceptance/1';

export interface AcceptanceStatement {
  format: typeof ACCEPTANCE_FORMAT;
  statement: string;
  mailbox: string;
  acceptedAt: string;
  bag: { externalIdentifier: string | null; payloadOxum: string | null; tagmanifestSha256: string };
  outgoing: { certificateSha256: string | null; subject: string | null; chain: string | null };
  incoming: {
    name: string;
    title: string | null;
    unit: string | null;
    email: string | null;
    certificateSha256: string;
  };
  verification: { valid: boolean; problems: number };
  comparison: PackageDiff['totals'];
  restored: number;
  /**
   * What `--restore` put back (per folder: messages and bytes, folders created again) and what it
   * left alone and why; null when no restore was asked for.
   */
  restore: Pick<RestoreResult, 'bytes' | 'folders' | 'createdFolders' | 'skipped'> | null;
  passwordResetRequired: true;
}

export function buildStatement(input: {
  mailbox: string;
  acceptedAt: Date;
  externalIdentifier: string | null;
  tagmanifestSha256: string;
  verification: VerifyReport;
  incoming: CertificateInfo;
  diff: PackageDiff;
  restore: RestoreResult | null;
}): AcceptanceStatement {
  const { verification: v, incoming } = input;
  const when = input.acceptedAt;
  return {
    format: ACCEPTANCE_FORMAT,
    statement:
      `Tôi, ${incoming.commonName}, đã nhận hộp thư điện tử công vụ ${input.mailbox} cùng mật khẩu và toàn bộ dữ liệu ` +
      `theo gói bàn giao có tagmanifest SHA-256 ${input.tagmanifestSha256}, đã kiểm tra gói hợp lệ và đối chiếu với hộp thư ` +
      `trên máy chủ vào ${when.toISOString()}. Đề nghị Trung tâm Công nghệ thông tin đặt lại mật khẩu hộp thư.`,
    mailbox: input.mailbox,
    acceptedAt: when.toISOString(),
    bag: {
      externalIdentifier: input.externalIdentifier,
      payloadOxum: v.payloadOxum.declared,
      tagmanifestSha256: input.tagmanifestSha256,
    },
    outgoing: {
      certificateSha256: v.signature?.signerFingerprint ?? null,
      subject: v.signature?.signerSubject ?? null,
      chain: v.signature?.chain ?? null,
    },
    incoming: {
      name: incoming.commonName,
      title: incoming.title,
      unit: incoming.organization,
      email: incoming.email,
      certificateSha256: incoming.sha256Fingerprint,
    },
    verification: { valid: v.valid, problems: v.problems.length },
    comparison: input.diff.totals,
    restored: input.restore?.restored ?? 0,
    restore: input.restore
      ? {
          bytes: input.restore.bytes,
          folders: input.restore.folders,
          createdFolders: input.restore.createdFolders,
          skipped: input.restore.skipped,
        }
      : null,
    passwordResetRequired: true,
  };
}

export interface ReceiptFiles {
  /** Bag-relative name → content. */
  files: Array<{ name: string; content: Uint8Array }>;
  statementBytes: Uint8Array;
  statementSignature: Uint8Array;
  statementSha256: string;
}

/** Signs the statement and the tagmanifest; names carry the acceptance time so receipts accumulate. */
export async function signReceipt(
  statement: AcceptanceStatement,
  tagmanifest: Uint8Array,
  signer: Signer,
): Promise<ReceiptFiles> {
  const stamp = statement.acceptedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const statementBytes = new TextEncoder().encode(`${JSON.stringify(statement, null, 2)}\n`);
  // The signing time is the acceptance time the statement states (taken from the service's clock).
  const signingTime = new Date(statement.acceptedAt);
  const statementSignature = await signDetached(statementBytes, signer, { signingTime });
  const counterSignature = await signDetached(tagmanifest, signer, { signingTime });
  const base = `seal/acceptance-${stamp}`;
  return {
    files: [
      { name: `${base}.json`, content: statementBytes },
      { name: `${base}.json.p7s`, content: statementSignature },
      { name: `${base}.tagmanifest.p7s`, content: counterSignature },
    ],
    statementBytes,
    statementSignature,
    statementSha256: createHash('sha256').update(statementBytes).digest('hex'),
  };
}

/** Writes the receipt into a bag directory, or appends it to a .tar under its base directory. */
export async function storeReceipt(bagPath: string, receipt: ReceiptFiles): Promise<string[]> {
  const info = await stat(bagPath).catch(() => null);
  if (!info) throw new AppError('FILE_ERROR', `package not found: ${bagPath}`);
  if (info.isDirectory()) {
    await mkdir(join(bagPath, 'seal'), { recursive: true });
    for (const f of receipt.files) await writeFile(join(bagPath, f.name), f.content, { flag: 'wx' });
    return receipt.files.map((f) => join(bagPath, f.name));
  }
  const base = await tarBaseDir(bagPath);
  const staging = await mkdtemp(join(tmpdir(), 'unit-mailbox-receipt-'));
  try {
    await mkdir(join(staging, base, 'seal'), { recursive: true });
    for (const f of receipt.files) await writeFile(join(staging, base, f.name), f.content);
    const tar = await import('tar');
    await tar.r(
      { file: bagPath, cwd: staging, portable: true },
      receipt.files.map((f) => `${base}/${f.name}`),
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return receipt.files.map((f) => `${bagPath}:${base}/${f.name}`);
}
