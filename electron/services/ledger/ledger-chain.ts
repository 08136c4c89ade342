// The ledger's hash chain with several writers and no lock. Order is the
// server's: UIDs of one folder only grow (UIDPLUS). Each record links to the
// highest-UID record its writer saw (`prev`) and to every other record nobody
// had linked yet (`merge`: records written at the same moment), so every
// record but the newest is linked by a later one. Deleting or editing a record
// then breaks a link, moving one breaks the order, and a writer that skips a
// record it must have seen is named too.
import type { LedgerRecord, RecordRef } from '../../../shared/ledger.ts';
import type { ChainPosition } from './ledger-record.ts';

export interface ChainItem {
  uid: number;
  sha256: string;
  record: LedgerRecord;
}

export const LEDGER_PROBLEM_KINDS = [
  'unreadable',
  'not-canonical',
  'bad-signature',
  'signer-mismatch',
  'missing',
  'reordered',
  'bad-seq',
  'unlinked',
  'missing-last',
] as const;
export type LedgerProblemKind = (typeof LEDGER_PROBLEM_KINDS)[number];

export interface LedgerProblem {
  kind: LedgerProblemKind;
  seq: number | null;
  uid: number | null;
  detail: string;
  messageVi: string;
}

export function problem(
  kind: LedgerProblemKind,
  seq: number | null,
  uid: number | null,
  detail: string,
): LedgerProblem {
  return { kind, seq, uid, detail, messageVi: problemVi(kind, seq, uid) };
}

const byUid = (a: ChainItem, b: ChainItem) => a.uid - b.uid;
const refOf = (i: ChainItem): RecordRef => ({ sha256: i.sha256, seq: i.record.seq, uid: i.uid });

function linksOf(r: LedgerRecord): Array<{ sha256: string; seq: number; uid: number }> {
  const out = r.prev ? [{ sha256: r.prev, seq: r.prevRef?.seq ?? 0, uid: r.prevRef?.uid ?? 0 }] : [];
  return [...out, ...(r.merge ?? [])];
}

/** Where a writer that read `items` (every readable record) puts its record. */
export function nextPosition(items: readonly ChainItem[]): ChainPosition {
  const sorted = [...items].sort(byUid);
  const last = sorted.at(-1);
  if (!last) return { seq: 1, prev: '', prevRef: null, merge: [] };
  const linked = new Set(sorted.flatMap((i) => linksOf(i.record).map((l) => l.sha256)));
  const tips = sorted.filter((i) => i !== last && !linked.has(i.sha256));
  const seq = 1 + Math.max(last.record.seq, ...tips.map((t) => t.record.seq));
  return { seq, prev: last.sha256, prevRef: { seq: last.record.seq, uid: last.uid }, merge: tips.map(refOf) };
}

/** Links, order and numbering of the readable records; `known` are records this computer wrote. */
export function verifyChain(items: readonly ChainItem[], known: readonly RecordRef[] = []): LedgerProblem[] {
  const sorted = [...items].sort(byUid);
  const byHash = new Map(sorted.map((i) => [i.sha256, i]));
  const linked = new Set<string>();
  const out: LedgerProblem[] = [];
  let highestPrevUid = 0;
  const prevUidOf = new Map<ChainItem, number>();
  for (const item of sorted) {
    const { seq } = item.record;
    let maxLinkedSeq = 0;
    for (const link of linksOf(item.record)) {
      maxLinkedSeq = Math.max(maxLinkedSeq, link.seq);
      const target = byHash.get(link.sha256);
      linked.add(link.sha256);
      if (!target) {
        out.push(
          problem(
            'missing',
            link.seq,
            link.uid,
            `record #${link.seq} (UID ${link.uid}), linked by #${seq} (UID ${item.uid}), is missing or was changed (sha256 ${link.sha256})`,
          ),
        );
      } else if (target.uid >= item.uid) {
        out.push(
          problem(
            'reordered',
            target.record.seq,
            target.uid,
            `record #${target.record.seq} now has UID ${target.uid}, after #${seq} (UID ${item.uid}) that links to it: it was moved`,
          ),
        );
      } else if (link.sha256 === item.record.prev) {
        prevUidOf.set(item, target.uid);
      }
    }
    if (seq !== maxLinkedSeq + 1) {
      out.push(
        problem(
          'bad-seq',
          seq,
          item.uid,
          `record #${seq} (UID ${item.uid}) should be #${maxLinkedSeq + 1} after the records it links to`,
        ),
      );
    }
  }
  for (const item of sorted) highestPrevUid = Math.max(highestPrevUid, prevUidOf.get(item) ?? 0);
  // A missing record explains the records it linked; only report a skip when nothing is missing.
  const anyMissing = out.some((p) => p.kind === 'missing');
  for (const item of anyMissing ? [] : sorted) {
    // A later writer saw everything up to the UID it linked as prev, so it had to link this one.
    if (!linked.has(item.sha256) && item.uid < highestPrevUid) {
      out.push(
        problem(
          'unlinked',
          item.record.seq,
          item.uid,
          `record #${item.record.seq} (UID ${item.uid}) is linked by no later record`,
        ),
      );
    }
  }
  for (const k of known) {
    if (!byHash.has(k.sha256)) {
      out.push(
        problem(
          'missing-last',
          k.seq,
          k.uid,
          `this computer wrote record #${k.seq} (UID ${k.uid}, sha256 ${k.sha256}) but it is gone`,
        ),
      );
    }
  }
  return out;
}

/** Problems in ledger order: lowest seq first, then UID. */
export function sortProblems(problems: LedgerProblem[]): LedgerProblem[] {
  const key = (n: number | null) => n ?? Number.MAX_SAFE_INTEGER;
  return [...problems].sort((a, b) => key(a.seq) - key(b.seq) || key(a.uid) - key(b.uid));
}

function problemVi(kind: LedgerProblemKind, seq: number | null, uid: number | null): string {
  const which = seq !== null ? `Bản ghi số ${seq}` : 'Một thư trong thư mục sổ';
  const where = uid !== null ? ` (thư UID ${uid})` : '';
  switch (kind) {
    case 'unreadable':
      return `${which}${where} không đọc được như một bản ghi của sổ văn bản đến.`;
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
      return `${which}${where} bị bản ghi sau bỏ qua: sổ đã bị sửa.`;
    case 'missing-last':
      return `${which}${where} (do máy này ghi) không còn trong sổ: đã bị xóa.`;
  }
}
