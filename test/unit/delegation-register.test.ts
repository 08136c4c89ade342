import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterRecordDto } from '../../shared/delegation.ts';
import { canonicalJson } from '../../electron/services/delegation/canonical-json.ts';
import {
  nextRecord,
  registerJsonl,
  sha256Hex,
  verifyRegister,
  type RecordDraft,
  type RegisterRead,
} from '../../electron/services/delegation/register.ts';
import { signDetached, verifyDetached } from '../../electron/services/cms/cms.ts';
import { sha256Fingerprint } from '../../electron/services/identity/certificates.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import type { Signer } from '../../electron/services/identity/signer.ts';
import type { StoredRecord } from '../../electron/services/records/record-folder.ts';
import { parseRecordMessage } from '../../electron/services/records/record-message.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// The register's verification without a server: records are built exactly as
// they are appended, then read back from their RFC 5322 bytes.
const UNIT = 'vanphong@binhphuoc.gov.vn';
const FOLDER = 'UnitMailbox/Delegation';
const cleanups: Array<() => void> = [];
let head: Signer;
let other: Signer;

async function signerFor(name: string, email: string): Promise<Signer> {
  const { dir, cleanup } = tempDir('um-reg-');
  cleanups.push(cleanup);
  const identity = new IdentityService({ profileDir: dir, secrets: new MemorySecretStore(), clock: systemClock });
  await identity.create({ name, title: 'Chánh Văn phòng', unit: 'Văn phòng UBND tỉnh', email });
  return identity.signer();
}

beforeAll(async () => {
  head = await signerFor('Nguyễn Văn An', 'an.nv@binhphuoc.gov.vn');
  other = await signerFor('Kẻ Giả Mạo', 'gia.mao@binhphuoc.gov.vn');
}, 120_000);
afterAll(() => cleanups.splice(0).forEach((c) => c()));

const draft = (delegate: string, rights = 'lrs'): RecordDraft => ({
  type: 'grant',
  mailbox: UNIT,
  delegate,
  role: 'custom',
  rights,
  scope: 'all',
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: null,
  note: 'Ủy quyền xử lý công văn',
});

/** Appends `n` records the way the service does; returns the stored messages (UIDs 10, 20, …). */
async function buildRegister(n: number, rights = 'lrs'): Promise<StoredRecord[]> {
  const stored: StoredRecord[] = [];
  let read: RegisterRead = await verifyRegister(FOLDER, [], null);
  for (let i = 1; i <= n; i++) {
    const next = await nextRecord(read, draft(`canbo${i}@binhphuoc.gov.vn`, rights), head, {
      now: new Date(Date.UTC(2026, 0, i)),
      unitEmail: UNIT,
    });
    stored.push({ uid: i * 10, record: await parseRecordMessage(next.message), error: null });
    read = await verifyRegister(FOLDER, stored, null);
  }
  return stored;
}

const kinds = (read: RegisterRead) => read.state.problems.map((p) => [p.kind, p.seq, p.uid]);

describe('the signed register', () => {
  it('chains records: seq 1..n, prev = sha256 of the previous canonical JSON, all signatures valid', async () => {
    const stored = await buildRegister(3);
    const read = await verifyRegister(FOLDER, stored, null);
    expect(read.state.intact).toBe(true);
    expect(read.state.problems).toEqual([]);
    expect(read.records.map((r) => r.record.seq)).toEqual([1, 2, 3]);
    expect(read.records[0]?.record.prev).toBe('');
    expect(read.records[1]?.record.prev).toBe(sha256Hex(read.records[0]!.json));
    expect(read.state.head).toEqual({ seq: 3, sha256: read.records[2]!.sha256 });
    expect(read.state.signers).toEqual([sha256Fingerprint(head.certificateChain[0]!)]);
    // The signed bytes are the record's RFC 8785 form, and openssl-style detached CMS verifies them.
    const first = read.records[0]!;
    expect(new TextDecoder().decode(first.json)).toBe(canonicalJson(first.record));
    expect((await verifyDetached(first.signature!, first.json, { now: new Date() })).signatureValid).toBe(true);
  });

  it('names an edited record (bad signature) and the record after it (broken chain)', async () => {
    const stored = await buildRegister(3);
    const edited = JSON.parse(new TextDecoder().decode(stored[1]!.record!.json)) as RegisterRecordDto;
    edited.rights = 'lrswipkxtea';
    stored[1] = {
      ...stored[1]!,
      record: { ...stored[1]!.record!, json: new TextEncoder().encode(canonicalJson(edited)) },
    };
    const read = await verifyRegister(FOLDER, stored, null);
    expect(read.state.intact).toBe(false);
    expect(kinds(read)).toEqual([
      ['bad-signature', 2, 20],
      ['broken-chain', 3, 30],
    ]);
    expect(read.records.find((r) => r.record.seq === 2)?.trusted).toBe(false);
    expect(read.state.problems[0]?.messageVi).toContain('Bản ghi số 2 (thư UID 20)');
  });

  it('notices a record removed from the middle, and the LAST record only with the local head', async () => {
    const stored = await buildRegister(3);
    expect(kinds(await verifyRegister(FOLDER, [stored[0]!, stored[2]!], null))).toEqual([['seq-gap', 2, null]]);
    const full = await verifyRegister(FOLDER, stored, null);
    const withoutLast = stored.slice(0, 2);
    expect((await verifyRegister(FOLDER, withoutLast, null)).state.intact).toBe(true);
    expect(kinds(await verifyRegister(FOLDER, withoutLast, full.state.head))).toEqual([['missing-last', 3, null]]);
  });

  it('notices a register replaced by a re-signed one (head mismatch), a duplicate seq and a foreign signer', async () => {
    const stored = await buildRegister(2);
    const genuine = await verifyRegister(FOLDER, stored, null);
    const forged = await buildRegister(2, 'lrswite');
    expect(kinds(await verifyRegister(FOLDER, forged, genuine.state.head))).toEqual([['head-mismatch', 2, 20]]);
    expect(kinds(await verifyRegister(FOLDER, [...stored, { ...stored[1]!, uid: 99 }], null))).toEqual([
      ['duplicate-seq', 2, 99],
    ]);
    const json = stored[0]!.record!.json;
    const foreign = {
      ...stored[0]!,
      record: { ...stored[0]!.record!, signature: await signDetached(json, other, { signingTime: new Date() }) },
    };
    expect(kinds(await verifyRegister(FOLDER, [foreign], null))).toEqual([['signer-mismatch', 1, 10]]);
  });

  it('reports a message that is not a record, and records that are not canonical', async () => {
    const stored = await buildRegister(1);
    const pretty = new TextEncoder().encode(
      JSON.stringify(JSON.parse(new TextDecoder().decode(stored[0]!.record!.json)), null, 2),
    );
    const resigned = {
      ...stored[0]!,
      record: {
        ...stored[0]!.record!,
        json: pretty,
        signature: await signDetached(pretty, head, { signingTime: new Date() }),
      },
    };
    expect(kinds(await verifyRegister(FOLDER, [resigned], null))).toEqual([['not-canonical', 1, 10]]);
    const junk: StoredRecord = { uid: 7, record: null, error: 'record message has no record.json part' };
    expect(kinds(await verifyRegister(FOLDER, [junk, ...stored], null))).toEqual([['unreadable', null, 7]]);
  });

  it('exports delegation.jsonl: a header line, then each record with its signature', async () => {
    const read = await verifyRegister(FOLDER, await buildRegister(2), null);
    const out = registerJsonl(read);
    expect(out.fileName).toBe('delegation.jsonl');
    expect(JSON.parse(out.header)).toEqual({ format: 'unit-mailbox-register/1', kind: 'delegation' });
    expect(out.lines).toHaveLength(2);
    const line = JSON.parse(out.lines[1]!) as {
      record: RegisterRecordDto;
      sha256: string;
      signature: string;
      uid: number;
    };
    expect(line.record.seq).toBe(2);
    expect(line.sha256).toBe(sha256Hex(new TextEncoder().encode(canonicalJson(line.record))));
    const sig = new Uint8Array(Buffer.from(line.signature, 'base64'));
    expect(
      (await verifyDetached(sig, new TextEncoder().encode(canonicalJson(line.record)), { now: new Date() }))
        .signatureValid,
    ).toBe(true);
  });
});
