// Reads the audit folder: each record checked on its own (readable, canonical,
// signed by the certificate it names), then the ledger's chain check
// (ledger-chain.ts) over all of them. Records are immutable, so what was
// checked once is kept per folder and UIDVALIDITY; the UID list is read every
// time, so a removed record is noticed.
import type { ImapFlow } from 'imapflow';
import { CheckedFolder } from '../records/checked-folder.ts';
import type { AuditProblem, AuditProblemKind, AuditRecord } from '../../../shared/audit.ts';
import type { LedgerRecord, RecordRef } from '../../../shared/ledger.ts';
import { verifyDetached } from '../cms/cms.ts';
import { canonicalJson } from '../delegation/canonical-json.ts';
import { nextPosition, sortProblems, verifyChain, type ChainItem } from '../ledger/ledger-chain.ts';
import type { ChainPosition } from '../ledger/ledger-record.ts';
import { sha256Hex } from '../ledger/ledger-read.ts';
import { parseRecordMessage } from '../records/record-message.ts';
import { parseAuditRecord } from './audit-record.ts';

export interface AuditItem {
  uid: number;
  sha256: string;
  record: AuditRecord;
  trusted: boolean;
}

export interface AuditRead {
  folder: string;
  uidValidity: number | null;
  items: AuditItem[];
  problems: AuditProblem[];
}

type Checked = { item: AuditItem | null; problems: AuditProblem[] };

export function auditProblem(kind: AuditProblemKind, seq: number | null, uid: number | null, detail: string) {
  return { kind, seq, uid, detail, messageVi: problemVi(kind, seq, uid) };
}

// The chain is the ledger's: it reads only seq, prev, prevRef and merge, which audit records share.
const asChain = (items: readonly AuditItem[]): ChainItem[] =>
  items.map((i) => ({ uid: i.uid, sha256: i.sha256, record: i.record as unknown as LedgerRecord }));

export function auditChainProblems(items: readonly AuditItem[], known: readonly RecordRef[]): AuditProblem[] {
  return verifyChain(asChain(items), known).map((p) => auditProblem(p.kind, p.seq, p.uid, p.detail));
}

/** Where a writer that read `items` puts its record. */
export function auditPosition(items: readonly AuditItem[]): ChainPosition {
  return nextPosition(asChain(items));
}

export class AuditReader {
  private readonly checked = new CheckedFolder<Checked>();

  async read(client: ImapFlow, folder: string, known: readonly RecordRef[] = []): Promise<AuditRead> {
    const read = await this.checked.read(client, folder, checkMessage);
    if (!read) return { folder, uidValidity: null, items: [], problems: sorted(auditChainProblems([], known)) };
    const { uidValidity, present } = read;
    const items = present.flatMap((c) => (c.item ? [c.item] : []));
    const problems = [...present.flatMap((c) => c.problems), ...auditChainProblems(items, known)];
    return { folder, uidValidity, items, problems: sorted(problems) };
  }
}

function sorted(problems: AuditProblem[]): AuditProblem[] {
  return sortProblems(problems) as AuditProblem[];
}

export async function checkMessage(uid: number, source: Buffer): Promise<Checked> {
  let json: Uint8Array;
  let signature: Uint8Array | null;
  let record: AuditRecord;
  try {
    ({ json, signature } = await parseRecordMessage(source));
    record = parseAuditRecord(json);
  } catch (e) {
    return { item: null, problems: [auditProblem('unreadable', null, uid, `UID ${uid}: ${(e as Error).message}`)] };
  }
  const problems: AuditProblem[] = [];
  const { seq } = record;
  if (canonicalJson(record) !== new TextDecoder().decode(json)) {
    problems.push(auditProblem('not-canonical', seq, uid, `record #${seq} (UID ${uid}) is not canonical JSON`));
  }
  if (!signature) {
    problems.push(auditProblem('bad-signature', seq, uid, `record #${seq} (UID ${uid}) has no signature`));
  } else {
    const v = await verifyDetached(signature, json, { now: new Date(record.at) });
    const signer = v.signer?.sha256Fingerprint ?? null;
    if (!v.signatureValid) {
      problems.push(auditProblem('bad-signature', seq, uid, `record #${seq} (UID ${uid}): ${v.problems.join('; ')}`));
    } else if (signer !== record.by.certificateSha256) {
      problems.push(auditProblem('signer-mismatch', seq, uid, `record #${seq} (UID ${uid}) is signed by ${signer}`));
    }
  }
  return { item: { uid, sha256: sha256Hex(json), record, trusted: problems.length === 0 }, problems };
}

function problemVi(kind: AuditProblemKind, seq: number | null, uid: number | null): string {
  const which = seq !== null ? `Bản ghi nhật ký số ${seq}` : 'Một thư trong thư mục nhật ký';
  const where = uid !== null ? ` (thư UID ${uid})` : '';
  switch (kind) {
    case 'unreadable':
      return `${which}${where} không đọc được như một bản ghi nhật ký thao tác.`;
    case 'not-canonical':
      return `${which}${where} không ở dạng chuẩn hóa: bản ghi đã bị sửa.`;
    case 'bad-signature':
      return `${which}${where} có chữ ký số không khớp nội dung: bản ghi đã bị sửa.`;
    case 'signer-mismatch':
      return `${which}${where} được ký bằng chứng thư khác với chứng thư ghi trong bản ghi.`;
    case 'missing':
      return `${which}${where} bị thiếu hoặc đã bị sửa: bản ghi sau không còn nối được với nó.`;
    case 'reordered':
      return `${which}${where} đã bị chuyển chỗ: nó đứng sau bản ghi nối tới nó.`;
    case 'bad-seq':
      return `${which}${where} có số thứ tự sai so với các bản ghi nó nối tới.`;
    case 'unlinked':
      return `${which}${where} bị bản ghi ghi sau bỏ qua: nhật ký đã bị sửa.`;
    case 'missing-last':
      return `${which}${where} (do máy này ghi) không còn trong nhật ký: đã bị xóa.`;
  }
}
