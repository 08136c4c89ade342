// The register (Sổ ủy quyền): every grant, change, expiry and revocation as a
// record signed by the head's identity over its RFC 8785 canonical JSON,
// hash-chained to the previous record, kept as a message in the unit mailbox's
// record folder. Reading verifies everything and names each problem by seq and
// UID; the last head this machine wrote is kept locally so that removing the
// LAST record (which leaves a perfect chain) is noticed too.
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import {
  RECORD_TYPE_WORDS,
  REGISTER_RECORD_TYPES,
  type RegisterProblem,
  type RegisterProblemKind,
  type RegisterRecordDto,
  type RegisterState,
} from '../../../shared/delegation.ts';
import { verifyDetached, signDetached } from '../cms/cms.ts';
import { certificateInfo, sha256Fingerprint } from '../identity/certificates.ts';
import type { Signer } from '../identity/signer.ts';
import {
  appendRecord,
  ensureRecordTree,
  readRecords,
  recordTree,
  type StoredRecord,
} from '../records/record-folder.ts';
import { buildRecordMessage } from '../records/record-message.ts';
import { canonicalBytes, canonicalJson } from './canonical-json.ts';

export const REGISTER_FORMAT = 'unit-mailbox-delegation/1';

export interface RegisterHead {
  seq: number;
  sha256: string;
}

/** A record read from the mailbox with what verification found. */
export interface ReadRecord {
  uid: number;
  record: RegisterRecordDto;
  json: Uint8Array;
  signature: Uint8Array | null;
  sha256: string;
  /** Signature valid, signed by the certificate the record names, canonical bytes. */
  trusted: boolean;
  signer: string | null;
}

export interface RegisterRead {
  folder: string;
  /** Readable records by seq (then UID). */
  records: ReadRecord[];
  state: RegisterState;
}

/** What a caller decides; the register fills in format, seq, prev, at and by. */
export type RecordDraft = Omit<RegisterRecordDto, 'format' | 'seq' | 'prev' | 'at' | 'by'>;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readRegister(client: ImapFlow, localHead: RegisterHead | null): Promise<RegisterRead> {
  const folder = recordTree(client).paths.delegation;
  return verifyRegister(folder, await readRecords(client, folder), localHead);
}

/** Verifies the stored messages of a register folder: each record, then the chain. */
export async function verifyRegister(
  folder: string,
  stored: readonly StoredRecord[],
  localHead: RegisterHead | null,
): Promise<RegisterRead> {
  const problems: RegisterProblem[] = [];
  const problem = (kind: RegisterProblemKind, seq: number | null, uid: number | null, detail: string) =>
    problems.push({ kind, seq, uid, detail, messageVi: problemVi(kind, seq, uid) });

  const records: ReadRecord[] = [];
  for (const item of stored) {
    if (!item.record) {
      problem('unreadable', null, item.uid, `message UID ${item.uid} is not a register record: ${item.error}`);
      continue;
    }
    const { json, signature } = item.record;
    let record: RegisterRecordDto;
    try {
      record = parseRecord(json);
    } catch (e) {
      problem('unreadable', null, item.uid, `record.json of UID ${item.uid} is invalid: ${(e as Error).message}`);
      continue;
    }
    const read: ReadRecord = {
      uid: item.uid,
      record,
      json,
      signature,
      sha256: sha256Hex(json),
      trusted: false,
      signer: null,
    };
    let ok = true;
    if (canonicalJson(record) !== new TextDecoder().decode(json)) {
      ok = false;
      problem('not-canonical', record.seq, item.uid, `record #${record.seq} (UID ${item.uid}) is not canonical JSON`);
    }
    if (!signature) {
      ok = false;
      problem('bad-signature', record.seq, item.uid, `record #${record.seq} (UID ${item.uid}) has no signature`);
    } else {
      // Whether the record was signed by the key it names: judged as of the record's own time, so
      // reading the register gives the same answer on every day (grant validity is checked apart).
      const v = await verifyDetached(signature, json, { now: new Date(record.at) });
      read.signer = v.signer?.sha256Fingerprint ?? null;
      if (!v.signatureValid) {
        ok = false;
        problem(
          'bad-signature',
          record.seq,
          item.uid,
          `record #${record.seq} (UID ${item.uid}): signature does not match: ${v.problems.join('; ')}`,
        );
      } else if (read.signer !== record.by.certificateSha256) {
        ok = false;
        problem(
          'signer-mismatch',
          record.seq,
          item.uid,
          `record #${record.seq} (UID ${item.uid}) names certificate ${record.by.certificateSha256} but is signed by ${read.signer}`,
        );
      }
    }
    read.trusted = ok;
    records.push(read);
  }
  records.sort((a, b) => a.record.seq - b.record.seq || a.uid - b.uid);

  // Chain: seq 1..max, each once, each pointing at the hash of the one before.
  const bySeq = new Map<number, ReadRecord>();
  for (const r of records) {
    const first = bySeq.get(r.record.seq);
    if (first) {
      problem(
        'duplicate-seq',
        r.record.seq,
        r.uid,
        `record #${r.record.seq} appears twice (UID ${first.uid} and UID ${r.uid})`,
      );
    } else bySeq.set(r.record.seq, r);
  }
  const maxSeq = records.reduce((m, r) => Math.max(m, r.record.seq), 0);
  for (let seq = 1; seq <= maxSeq; seq++) {
    const r = bySeq.get(seq);
    if (!r) {
      problem('seq-gap', seq, null, `record #${seq} is missing from the register`);
      continue;
    }
    const before = bySeq.get(seq - 1);
    const expected = seq === 1 ? '' : before?.sha256;
    if (expected !== undefined && r.record.prev !== expected) {
      problem(
        'broken-chain',
        seq,
        r.uid,
        `record #${seq} (UID ${r.uid}) points at ${r.record.prev || "''"} but the record before it hashes to ${expected || "''"}`,
      );
    }
  }
  if (localHead) {
    const atHead = bySeq.get(localHead.seq);
    if (localHead.seq > maxSeq) {
      problem(
        'missing-last',
        localHead.seq,
        null,
        `this computer wrote record #${localHead.seq} (sha256 ${localHead.sha256}) but the register ends at #${maxSeq}`,
      );
    } else if (atHead && atHead.sha256 !== localHead.sha256) {
      problem(
        'head-mismatch',
        localHead.seq,
        atHead.uid,
        `record #${localHead.seq} (UID ${atHead.uid}) is not the one this computer wrote (sha256 ${localHead.sha256})`,
      );
    }
  }

  const last = bySeq.get(maxSeq);
  return {
    folder,
    records,
    state: {
      folder,
      records: records.length,
      head: last ? { seq: last.record.seq, sha256: last.sha256 } : null,
      intact: problems.length === 0,
      problems,
      signers: [...new Set(records.map((r) => r.signer).filter((s): s is string => s !== null))],
    },
  };
}

/** The next record after what `read` found, signed, as the message to append. */
export async function nextRecord(
  read: RegisterRead,
  draft: RecordDraft,
  signer: Signer,
  opts: { now: Date; unitEmail: string },
): Promise<{ record: RegisterRecordDto; json: Uint8Array; signature: Uint8Array; message: Buffer }> {
  const leaf = signer.certificateChain[0];
  if (!leaf) throw new Error('signer has no certificate');
  // After the highest seq even on a damaged chain: revocations must always be recordable.
  const last = read.records.reduce<ReadRecord | null>(
    (m, r) => (m === null || r.record.seq > m.record.seq ? r : m),
    null,
  );
  const record: RegisterRecordDto = {
    format: REGISTER_FORMAT,
    seq: (last?.record.seq ?? 0) + 1,
    prev: last?.sha256 ?? '',
    type: draft.type,
    at: opts.now.toISOString(),
    by: { email: certificateInfo(leaf).email ?? opts.unitEmail, certificateSha256: sha256Fingerprint(leaf) },
    mailbox: draft.mailbox,
    delegate: draft.delegate,
    role: draft.role,
    rights: draft.rights,
    scope: draft.scope,
    validFrom: draft.validFrom,
    validUntil: draft.validUntil,
    ...(draft.note ? { note: draft.note } : {}),
  };
  const json = canonicalBytes(record);
  const signature = await signDetached(json, signer, { signingTime: opts.now });
  const message = buildRecordMessage({
    from: opts.unitEmail,
    subject: registerSubject(record),
    date: opts.now,
    note: registerNote(record),
    json,
    signature,
    headers: { 'X-Unit-Mailbox-Record': `delegation; seq=${record.seq}` },
  });
  return { record, json, signature, message };
}

/** Signs and appends the next record to the mailbox's register folder. */
export async function appendRegisterRecord(
  client: ImapFlow,
  read: RegisterRead,
  draft: RecordDraft,
  signer: Signer,
  opts: { now: Date; unitEmail: string },
): Promise<{ record: RegisterRecordDto; uid: number | null; head: RegisterHead }> {
  const next = await nextRecord(read, draft, signer, opts);
  const tree = await ensureRecordTree(client);
  const uid = await appendRecord(client, tree.paths.delegation, next.message, opts.now);
  return { record: next.record, uid, head: { seq: next.record.seq, sha256: sha256Hex(next.json) } };
}

export function registerSubject(r: RegisterRecordDto): string {
  return `[Sổ ủy quyền] #${r.seq} ${r.type}${r.delegate ? ` ${r.delegate}` : ''}`;
}

function registerNote(r: RegisterRecordDto): string {
  return [
    `Bản ghi số ${r.seq} của Sổ ủy quyền hộp thư ${r.mailbox}: ${RECORD_TYPE_WORDS[r.type].vi}${r.delegate ? ` — ${r.delegate}` : ''}.`,
    `Ghi và ký số bởi ${r.by.email} (chứng thư SHA-256 ${r.by.certificateSha256}) lúc ${r.at}.`,
    'Thư này do ứng dụng Hộp thư đơn vị tạo. Không sửa, không xóa: mọi thay đổi đều bị phát hiện khi kiểm tra sổ.',
    '',
    `Register record #${r.seq} of ${r.mailbox} (${r.type}). Written by the Unit Mailbox app; do not edit or delete.`,
    '',
  ].join('\r\n');
}

/** `data/registers/delegation.jsonl` of a handover bag: a header line, then one line per record. */
export function registerJsonl(read: RegisterRead): { fileName: 'delegation.jsonl'; header: string; lines: string[] } {
  return {
    fileName: 'delegation.jsonl',
    header: canonicalJson({ format: 'unit-mailbox-register/1', kind: 'delegation' }),
    lines: read.records.map((r) =>
      canonicalJson({
        uid: r.uid,
        record: r.record,
        sha256: r.sha256,
        signature: r.signature ? Buffer.from(r.signature).toString('base64') : null,
      }),
    ),
  };
}

function parseRecord(json: Uint8Array): RegisterRecordDto {
  const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as RegisterRecordDto;
  const ok =
    typeof value === 'object' &&
    value !== null &&
    value.format === REGISTER_FORMAT &&
    Number.isInteger(value.seq) &&
    value.seq >= 1 &&
    typeof value.prev === 'string' &&
    (REGISTER_RECORD_TYPES as readonly string[]).includes(value.type) &&
    typeof value.by?.certificateSha256 === 'string' &&
    typeof value.delegate === 'string' &&
    typeof value.rights === 'string' &&
    (value.scope === 'all' || (Array.isArray(value.scope) && value.scope.every((s) => typeof s === 'string')));
  if (!ok) throw new Error(`not a ${REGISTER_FORMAT} record`);
  return value;
}

function problemVi(kind: RegisterProblemKind, seq: number | null, uid: number | null): string {
  const which = seq !== null ? `Bản ghi số ${seq}` : 'Một thư trong thư mục sổ';
  const where = uid !== null ? ` (thư UID ${uid})` : '';
  switch (kind) {
    case 'unreadable':
      return `${which}${where} không đọc được như một bản ghi của sổ.`;
    case 'bad-signature':
      return `${which}${where} có chữ ký số không khớp nội dung: bản ghi đã bị sửa.`;
    case 'signer-mismatch':
      return `${which}${where} được ký bằng chứng thư khác với chứng thư ghi trong bản ghi.`;
    case 'not-canonical':
      return `${which}${where} không ở dạng chuẩn hóa: bản ghi đã bị sửa.`;
    case 'duplicate-seq':
      return `${which}${where} xuất hiện hai lần trong sổ.`;
    case 'seq-gap':
      return `${which} bị thiếu: đã bị xóa khỏi sổ.`;
    case 'broken-chain':
      return `${which}${where} không nối đúng với bản ghi trước: sổ đã bị sửa hoặc thiếu bản ghi.`;
    case 'missing-last':
      return `${which} (bản ghi cuối cùng máy này đã ghi) không còn trong sổ: đã bị xóa.`;
    case 'head-mismatch':
      return `${which}${where} khác với bản ghi máy này đã ghi: sổ đã bị thay thế.`;
  }
}
