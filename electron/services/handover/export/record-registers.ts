// The processing ledger and the audit of the mailbox being handed over, read from its record
// folders (UnitMailbox/Ledger, UnitMailbox/Audit) with the readers' own checks, for
// data/registers/: each record as it was signed (JSON Lines, with its signature), a readable
// derivative (the book as CSV, the audit as CSV), and the state of each hash chain (chains.json).
// The record (bien-ban) gets the counts, the open items and the chain heads from here.
import type { ImapFlow } from 'imapflow';
import type { AuditProblem, AuditRecord } from '../../../../shared/audit.ts';
import type { HandoverChainHead, HandoverLedgerSummary } from '../../../../shared/handover-ledger.ts';
import type { LedgerRecord } from '../../../../shared/ledger.ts';
import { checkMessage as checkAuditMessage, auditChainProblems, type AuditItem } from '../../audit/audit-read.ts';
import { canonicalJson } from '../../delegation/canonical-json.ts';
import { nextPosition, sortProblems, verifyChain, type LedgerProblem } from '../../ledger/ledger-chain.ts';
import { foldBook } from '../../ledger/ledger-fold.ts';
import { checkMessage as checkLedgerMessage, type ReadItem } from '../../ledger/ledger-read.ts';
import { CheckedFolder } from '../../records/checked-folder.ts';
import { parseRecordMessage } from '../../records/record-message.ts';
import { recordTree } from '../../records/record-folder.ts';
import { auditCsv, bookCsv, openItemsOf } from './record-register-files.ts';
import { CHAINS_FILE, REGISTER_HEADERS, type RegisterFile } from './registers.ts';

export interface RecordRegisters {
  /** ledger.jsonl, ledger.csv, audit.jsonl, audit.csv, chains.json. */
  files: RegisterFile[];
  summary: HandoverLedgerSummary;
}

interface RawParts {
  signature: Uint8Array | null;
}

interface ChainRead<I> {
  folder: string | null;
  uidValidity: number | null;
  /** Readable records with their signatures, UID order. */
  items: Array<I & RawParts>;
  problems: Array<{ detail: string }>;
}

type Check<C> = (uid: number, source: Buffer) => Promise<C>;

/** Reads one record folder: the reader's check per message, plus the signature kept as it is. */
async function readFolder<C extends { item: I | null; problems: P[] }, I, P>(
  client: ImapFlow,
  folder: string,
  check: Check<C>,
): Promise<{ uidValidity: number; present: Array<{ checked: C; signature: Uint8Array | null }> } | null> {
  const reader = new CheckedFolder<{ checked: C; signature: Uint8Array | null }>();
  return reader.read(client, folder, async (uid, source) => {
    const checked = await check(uid, source);
    const signature = checked.item ? ((await parseRecordMessage(source)).signature ?? null) : null;
    return { checked, signature };
  });
}

async function readLedger(client: ImapFlow, folder: string): Promise<ChainRead<ReadItem>> {
  const read = await readFolder(client, folder, checkLedgerMessage);
  if (!read) return { folder: null, uidValidity: null, items: [], problems: [] };
  const items = read.present.flatMap((p) => (p.checked.item ? [{ ...p.checked.item, signature: p.signature }] : []));
  const problems: LedgerProblem[] = [...read.present.flatMap((p) => p.checked.problems), ...verifyChain(items)];
  return { folder, uidValidity: read.uidValidity, items, problems: sortProblems(problems) };
}

async function readAudit(client: ImapFlow, folder: string): Promise<ChainRead<AuditItem>> {
  const read = await readFolder(client, folder, checkAuditMessage);
  if (!read) return { folder: null, uidValidity: null, items: [], problems: [] };
  const items = read.present.flatMap((p) => (p.checked.item ? [{ ...p.checked.item, signature: p.signature }] : []));
  const problems: AuditProblem[] = [
    ...read.present.flatMap((p) => p.checked.problems),
    ...auditChainProblems(items, []),
  ];
  return { folder, uidValidity: read.uidValidity, items, problems: sortProblems(problems) as AuditProblem[] };
}

/** The chain's head: the newest record, and the records no later one links to yet. */
function chainHead<I extends { uid: number; sha256: string; record: { seq: number } }>(
  read: ChainRead<I>,
): HandoverChainHead {
  const chain = read.items.map((i) => ({ uid: i.uid, sha256: i.sha256, record: i.record as unknown as LedgerRecord }));
  const position = nextPosition(chain);
  return {
    folder: read.folder,
    uidValidity: read.uidValidity,
    records: read.items.length,
    head: position.prev || null,
    headSeq: position.prevRef?.seq ?? null,
    headUid: position.prevRef?.uid ?? null,
    tips: position.merge.map((m) => m.sha256),
    intact: read.problems.length === 0,
    problems: read.problems.length,
    firstProblem: read.problems[0]?.detail ?? null,
  };
}

/** One line per record: the record (canonical JSON = the signed bytes when trusted), its hash and signature. */
function jsonlLines(
  items: ReadonlyArray<{ uid: number; sha256: string; trusted: boolean } & RawParts & { record: unknown }>,
) {
  return items.map((i) =>
    canonicalJson({
      uid: i.uid,
      sha256: i.sha256,
      trusted: i.trusted,
      record: i.record,
      signature: i.signature ? Buffer.from(i.signature).toString('base64') : null,
    }),
  );
}

/**
 * Reads the ledger and the audit of the mailbox this session owns. `now` decides Quá hạn.
 * A missing folder reads as an empty register (no chain yet).
 */
export async function readRecordRegisters(client: ImapFlow, mailbox: string, now: Date): Promise<RecordRegisters> {
  const tree = recordTree(client);
  const ledger = await readLedger(client, tree.paths.ledger);
  const audit = await readAudit(client, tree.paths.audit);
  const book = foldBook(
    mailbox,
    ledger.items.filter((i) => i.trusted).map((i) => ({ uid: i.uid, record: i.record })),
  );
  const openItems = openItemsOf(book.entries, now);
  const summary: HandoverLedgerSummary = {
    entries: book.entries.length,
    open: openItems.length,
    overdue: openItems.filter((i) => i.overdue).length,
    openItems,
    chains: { ledger: chainHead(ledger), audit: chainHead(audit) },
  };
  const h = REGISTER_HEADERS;
  const files: RegisterFile[] = [
    { fileName: h.ledger.fileName, header: h.ledger.header, lines: jsonlLines(ledger.items) },
    { ...bookCsv(book.entries, now), fileName: h.ledgerBook.fileName, header: h.ledgerBook.header },
    { fileName: h.audit.fileName, header: h.audit.header, lines: jsonlLines(audit.items) },
    {
      ...auditCsv(audit.items.map((i) => ({ uid: i.uid, record: i.record as AuditRecord }))),
      fileName: h.auditLog.fileName,
      header: h.auditLog.header,
    },
    {
      fileName: CHAINS_FILE,
      header: JSON.stringify({ format: 'unit-mailbox-chains/1', ...summary.chains }, null, 2),
      lines: [],
    },
  ];
  return { files, summary };
}
