// One ledger record: checked shape (zod), RFC 8785 canonical bytes signed by
// the person who acted, and the small message that carries it in the mailbox.
import { z } from 'zod';
import { LEDGER_FORMAT, STATUS_VALUES, URGENCIES, type LedgerRecord, type RecordRef } from '../../../shared/ledger.ts';
import { signDetached } from '../cms/cms.ts';
import { canonicalBytes } from '../delegation/canonical-json.ts';
import { certificateInfo, sha256Fingerprint } from '../identity/certificates.ts';
import type { Signer } from '../identity/signer.ts';
import { buildRecordMessage } from '../records/record-message.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ref = z.object({ sha256: z.string(), seq: z.number().int().min(1), uid: z.number().int().min(1) }).strict();
const base = {
  format: z.literal(LEDGER_FORMAT),
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
  messageId: z.string().min(1),
};
const fields = z
  .object({
    ngayDen: day,
    tacGia: z.string(),
    soKyHieu: z.string(),
    ngayVanBan: day.nullable(),
    tenLoai: z.string(),
    trichYeu: z.string(),
    nguoiNhan: z.string(),
    ghiChu: z.string(),
    urgency: z.enum(URGENCIES),
  })
  .strict();
const link = z
  .object({
    folder: z.string(),
    uid: z.number().int().min(1),
    uidValidity: z.number().int().nullable(),
    messageId: z.string(),
  })
  .strict();

export const ledgerRecordSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('register'), message: link, fields }).strict(),
  z
    .object({
      ...base,
      type: z.literal('assign'),
      to: z.string().min(1),
      coHandlers: z.array(z.string()),
      instruction: z.string(),
      deadline: day.nullable(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('claim') }).strict(),
  z
    .object({
      ...base,
      type: z.literal('status'),
      status: z.enum(STATUS_VALUES),
      result: z.object({ messageId: z.string().optional(), note: z.string().optional() }).strict().optional(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('reopen'), note: z.string(), release: z.boolean() }).strict(),
]);

type ChainFields = 'format' | 'seq' | 'prev' | 'prevRef' | 'merge' | 'at' | 'by' | 'mailbox';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What an action decides; the chain fills in the rest. */
export type LedgerDraft = DistributiveOmit<LedgerRecord, ChainFields>;

/** Where the next record goes in the chain: computed from what the writer read. */
export interface ChainPosition {
  seq: number;
  prev: string;
  prevRef: { seq: number; uid: number } | null;
  merge: RecordRef[];
}

export function parseLedgerRecord(json: Uint8Array): LedgerRecord {
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  return ledgerRecordSchema.parse(value) as LedgerRecord;
}

export interface SignedLedgerRecord {
  record: LedgerRecord;
  json: Uint8Array;
  message: Buffer;
}

/** Signs the record with the actor's own identity and wraps it as a message from the unit mailbox. */
export async function signLedgerRecord(
  draft: LedgerDraft,
  position: ChainPosition,
  signer: Signer,
  opts: { now: Date; mailbox: string; actor: string },
): Promise<SignedLedgerRecord> {
  const leaf = signer.certificateChain[0];
  if (!leaf) throw new Error('signer has no certificate');
  const record = {
    ...draft,
    format: LEDGER_FORMAT,
    seq: position.seq,
    prev: position.prev,
    prevRef: position.prevRef,
    ...(position.merge.length > 0 ? { merge: position.merge } : {}),
    at: opts.now.toISOString(),
    by: { email: opts.actor, certificateSha256: sha256Fingerprint(leaf) },
    mailbox: opts.mailbox,
  } as LedgerRecord;
  const json = canonicalBytes(record);
  const signature = await signDetached(json, signer, { signingTime: opts.now });
  const signerEmail = certificateInfo(leaf).email ?? opts.actor;
  const message = buildRecordMessage({
    from: opts.mailbox,
    subject: `[Sổ văn bản đến] #${record.seq} ${record.type} ${record.messageId}`,
    date: opts.now,
    note: [
      `Bản ghi số ${record.seq} của Sổ đăng ký văn bản đến hộp thư ${opts.mailbox}: ${record.type}.`,
      `Do ${opts.actor} thực hiện, ký số bởi ${signerEmail} lúc ${record.at}.`,
      'Thư này do ứng dụng Hộp thư đơn vị tạo. Không sửa, không xóa: mọi thay đổi đều bị phát hiện khi kiểm tra sổ.',
      '',
      `Ledger record #${record.seq} of ${opts.mailbox} (${record.type}). Written by the Unit Mailbox app; do not edit or delete.`,
      '',
    ].join('\r\n'),
    json,
    signature,
    headers: { 'X-Unit-Mailbox-Record': `ledger; seq=${record.seq}` },
  });
  return { record, json, message };
}
