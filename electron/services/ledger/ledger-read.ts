// Reads the ledger folder: each message checked on its own (readable,
// canonical, signed by the certificate it names), then the chain. Records are
// immutable, so what was checked once is kept per folder and UIDVALIDITY and
// only new UIDs are fetched; the UID list is read every time, so a removed
// record is noticed.
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
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
  private readonly cache = new Map<string, Map<number, Checked>>();

  async read(client: ImapFlow, folder: string, known: readonly RecordRef[] = []): Promise<LedgerRead> {
    const opened = await client.mailboxOpen(folder, { readOnly: true }).catch((e: unknown) => {
      if ((e as { mailboxMissing?: boolean }).mailboxMissing) return null;
      throw e;
    });
    if (!opened) return { folder, uidValidity: null, items: [], problems: sortProblems(verifyChain([], known)) };
    const uidValidity = Number(opened.uidValidity);
    const key = `${folder}\u0000${uidValidity}`;
    const checked = this.cache.get(key) ?? new Map<number, Checked>();
    this.cache.set(key, checked);
    const found = opened.exists > 0 ? await client.search({ all: true }, { uid: true }) : [];
    const uids = (Array.isArray(found) ? found : []).sort((a, b) => a - b);
    const missing = uids.filter((u) => !checked.has(u));
    if (missing.length > 0) {
      for await (const msg of client.fetch(missing.join(','), { uid: true, source: true }, { uid: true })) {
        if (msg.source) checked.set(msg.uid, await checkMessage(msg.uid, msg.source));
      }
    }
    const present = uids.map((u) => checked.get(u)).filter((c): c is Checked => c !== undefined);
    const items = present.flatMap((c) => (c.item ? [c.item] : []));
    const problems = [...present.flatMap((c) => c.problems), ...verifyChain(items, known)];
    return { folder, uidValidity, items, problems: sortProblems(problems) };
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function checkMessage(uid: number, source: Buffer): Promise<Checked> {
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
