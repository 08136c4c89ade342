// One audit record: checked shape (zod), RFC 8785 canonical bytes signed by
// the person who acted (their own identity), wrapped as a small record
// message. The chain fields are the ledger's (ledger-chain.ts).
import { z } from 'zod';
import { AUDIT_FORMAT, AUDIT_KINDS, type AuditAction, type AuditRecord } from '../../../shared/audit.ts';
import { signDetached } from '../cms/cms.ts';
import { canonicalBytes } from '../delegation/canonical-json.ts';
import { certificateInfo, sha256Fingerprint } from '../identity/certificates.ts';
import type { Signer } from '../identity/signer.ts';
import type { ChainPosition } from '../ledger/ledger-record.ts';
import { buildRecordMessage } from '../records/record-message.ts';

const ref = z.object({ sha256: z.string(), seq: z.number().int().min(1), uid: z.number().int().min(1) }).strict();
const detail = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditRecordSchema = z
  .object({
    format: z.literal(AUDIT_FORMAT),
    id: z.string().min(1),
    seq: z.number().int().min(1),
    prev: z.string(),
    prevRef: z
      .object({ seq: z.number().int().min(1), uid: z.number().int().min(1) })
      .strict()
      .nullable(),
    merge: z.array(ref).optional(),
    at: z.string(),
    by: z.object({ email: z.string(), certificateSha256: z.string() }).strict(),
    mailbox: z.string(),
    kind: z.enum(AUDIT_KINDS),
    message: z
      .object({
        folder: z.string(),
        uid: z.number().int().min(1),
        uidValidity: z.number().int().nullable(),
        messageId: z.string().nullable(),
      })
      .strict()
      .nullable(),
    details: z.record(z.string(), detail),
  })
  .strict();

export const auditActionSchema = z
  .object({
    kind: z.enum(AUDIT_KINDS),
    message: auditRecordSchema.shape.message.optional(),
    details: z.record(z.string(), detail).optional(),
  })
  .strict();

export function parseAuditRecord(json: Uint8Array): AuditRecord {
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  return auditRecordSchema.parse(value) as AuditRecord;
}

/** What is known before the chain position: the action, who, when, where. */
export interface AuditDraft {
  id: string;
  at: string;
  actor: string;
  mailbox: string;
  action: AuditAction;
}

export interface SignedAuditRecord {
  record: AuditRecord;
  json: Uint8Array;
  message: Buffer;
}

export async function signAuditRecord(
  draft: AuditDraft,
  position: ChainPosition,
  signer: Signer,
): Promise<SignedAuditRecord> {
  const leaf = signer.certificateChain[0];
  if (!leaf) throw new Error('signer has no certificate');
  const record: AuditRecord = {
    format: AUDIT_FORMAT,
    id: draft.id,
    seq: position.seq,
    prev: position.prev,
    prevRef: position.prevRef,
    ...(position.merge.length > 0 ? { merge: position.merge } : {}),
    at: draft.at,
    by: { email: draft.actor, certificateSha256: sha256Fingerprint(leaf) },
    mailbox: draft.mailbox,
    kind: draft.action.kind,
    message: draft.action.message ?? null,
    details: draft.action.details ?? {},
  };
  const at = new Date(draft.at);
  const json = canonicalBytes(record);
  const signature = await signDetached(json, signer, { signingTime: at });
  const signerEmail = certificateInfo(leaf).email ?? draft.actor;
  const about = record.message ? ` ${record.message.folder} UID ${record.message.uid}` : '';
  const message = buildRecordMessage({
    from: draft.mailbox,
    subject: `[Nhật ký] #${record.seq} ${record.kind}${about}`,
    date: at,
    note: [
      `Bản ghi số ${record.seq} của Nhật ký thao tác hộp thư ${draft.mailbox}: ${record.kind}${about}.`,
      `Do ${draft.actor} thực hiện lúc ${record.at}, ký số bởi ${signerEmail}.`,
      'Thư này do ứng dụng Hộp thư đơn vị tạo. Không sửa, không xóa: mọi thay đổi đều bị phát hiện khi kiểm tra nhật ký.',
      '',
      `Audit record #${record.seq} of ${draft.mailbox} (${record.kind}). Written by the Unit Mailbox app; do not edit or delete.`,
      '',
    ].join('\r\n'),
    json,
    signature,
    headers: { 'X-Unit-Mailbox-Record': `audit; seq=${record.seq}` },
  });
  return { record, json, message };
}
