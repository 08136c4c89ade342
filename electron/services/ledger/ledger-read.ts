// Reads the ledger folder: each message checked on its own (readable,
// canonical, signed by the certificate it names), then the chain. Records are
// immutable, so what was checked once is kept per folder and UIDVALIDITY and
// only new UIDs are fetched; the UID list is read every time, so a removed
// record is noticed.
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { CheckedFolder } from '../records/checked-folder.ts';
import type { RecordRef } from '../../../shared/ledger.ts';
import { verifyDetached } from '../cms/cms.ts';
import { canonicalJson } from '../delegation/canonical-json.ts';
import { parseRecordMessage } from '../records/record-message.ts';
import { problem, sortProblems, verifyChain, type ChainItem, type LedgerProblem } from './ledger-chain.ts';
import { parseLedgerRecord } from './ledger-record.ts';

export interface ReadItem extends ChainItem {
  /** Canonical, signature valid, signed by the certificate the record names. */
  trusted: boolean;
  problems: LedgerProblem[];
}

export interface LedgerRead {
  folder: string;
  uidValidity: number | null;
  /** Every readable record, UID order. */
  items: ReadItem[];
  problems: LedgerProblem[];
}

type Checked = { item: ReadItem | null; problems: LedgerProblem[] };

export class LedgerReader {
  private readonly checked = new CheckedFolder<Checked>();

  async read(client: ImapFlow, folder: string, known: readonly RecordRef[] = []): Promise<LedgerRead> {
    const read = await this.checked.read(client, folder, checkMessage);
    if (!read) return { folder, uidValidity: null, items: [], problems: sortProblems(verifyChain([], known)) };
    const { uidValidity, present } = read;
    const items = present.flatMap((c) => (c.item ? [c.item] : []));
    const problems = [...present.flatMap((c) => c.problems), ...verifyChain(items, known)];
    return { folder, uidValidity, items, problems: sortProblems(problems) };
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function checkMessage(uid: number, source: Buffer): Promise<Checked> {
  let json: Uint8Array;
  let signature: Uint8Array | null;
  try {
    ({ json, signature } = await parseRecordMessage(source));
  } catch (e) {
    return { item: null, problems: [problem('unreadable', null, uid, `UID ${uid}: ${(e as Error).message}`)] };
  }
  let record;
  try {
    record = parseLedgerRecord(json);
  } catch (e) {
    return {
      item: null,
      problems: [problem('unreadable', null, uid, `UID ${uid}: record.json is invalid: ${(e as Error).message}`)],
    };
  }
  const problems: LedgerProblem[] = [];
  const { seq } = record;
  if (canonicalJson(record) !== new TextDecoder().decode(json)) {
    problems.push(problem('not-canonical', seq, uid, `record #${seq} (UID ${uid}) is not canonical JSON`));
  }
  if (!signature) {
    problems.push(problem('bad-signature', seq, uid, `record #${seq} (UID ${uid}) has no signature`));
  } else {
    const v = await verifyDetached(signature, json, { now: new Date(record.at) });
    const signer = v.signer?.sha256Fingerprint ?? null;
    if (!v.signatureValid) {
      problems.push(problem('bad-signature', seq, uid, `record #${seq} (UID ${uid}): ${v.problems.join('; ')}`));
    } else if (signer !== record.by.certificateSha256) {
      problems.push(problem('signer-mismatch', seq, uid, `record #${seq} (UID ${uid}) is signed by ${signer}`));
    }
  }
  const item: ReadItem = { uid, sha256: sha256Hex(json), record, trusted: problems.length === 0, problems };
  return { item, problems };
}
