import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../electron/services/handover/bag/csv.ts';
import { rfc3339 } from '../../electron/services/handover/bag/time.ts';
import {
  exportHandover,
  type ExportOptions,
  type ExportResult,
} from '../../electron/services/handover/export/export-handover.ts';
import { MESSAGES_CSV_HEADER, type FolderIndexEntry } from '../../electron/services/handover/export/indexes.ts';
import { emptyRegisters } from '../../electron/services/handover/export/registers.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { connectImap } from '../../electron/services/imap/imap-connection.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { bash, filesUnder, guideCommands } from '../support/bag-tools.ts';
import { UNIT_EMAIL, connectOther, directive, passwordOf, withAttachment } from '../support/fixtures.ts';
import { makeIdentity, type TestIdentity } from '../support/handover-identities.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// Round trip on the real Dovecot: what the server holds is what the bag holds, byte for byte,
// and the bag passes the stock tools the guide tells people to use.

const NESTED = 'Chỉ đạo/Đã xử lý';
const ARCHIVE = 'Hồ sơ & Lưu trữ';
const EMPTY = 'Trống';
/** Created without its parent, so "Lưu trữ" is listed \Noselect. */
const UNDER_NOSELECT = 'Lưu trữ/2025';
const ALL_SYSTEM_FLAGS = ['\\Answered', '\\Deleted', '\\Draft', '\\Flagged', '\\Seen'];
const CORPUS = new URL('../fixtures/malformed/', import.meta.url);

interface Appended {
  folder: string;
  uid: number;
  bytes: Buffer;
  flags: string[];
  label: string;
}

let stack: MailStack;
let work: { dir: string; cleanup: () => void };
let outgoing: TestIdentity;
let incoming: TestIdentity;
let other: ImapFlow;
let result: ExportResult;
let bag: string;
const appended: Appended[] = [];
const flagsBefore = new Map<string, string[]>();
const credential = new TextEncoder().encode('{"format":"test-credential","password":"Mật-khẩu#2026"}');

const creds = () => ({
  server: { host: stack.host, port: stack.imapPort, security: 'starttls' as const },
  username: UNIT_EMAIL,
  password: passwordOf(stack, UNIT_EMAIL),
  caPem: stack.caPem,
  allowInsecure: false,
});

function options(outDir: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return {
    clock: systemClock,
    connect: () => connectImap(creds()),
    mailbox: UNIT_EMAIL,
    outDir,
    signer: outgoing.signer,
    recipientCertificate: incoming.certificate,
    credential,
    parties: {
      unit: 'Văn phòng UBND tỉnh Bình Phước',
      place: 'Đồng Xoài',
      outgoing: outgoing.party,
      incoming: incoming.party,
      witness: { name: 'Lê Văn Chứng' },
    },
    registers: emptyRegisters(),
    openDirectives: 2,
    fontsDir: new URL('../../resources/fonts', import.meta.url).pathname,
    ...extra,
  };
}

async function append(folder: string, bytes: Buffer, flags: string[], label: string, date?: Date) {
  const r = await other.append(folder, bytes, flags, date);
  if (!r || !r.uid) throw new Error(`APPEND to ${folder} gave no UID`);
  appended.push({ folder, uid: r.uid, bytes, flags, label });
}

async function serverState(folder: string, uid: number) {
  await other.mailboxOpen(folder, { readOnly: true });
  const m = await other.fetchOne(
    String(uid),
    { uid: true, source: true, flags: true, internalDate: true },
    { uid: true },
  );
  if (!m || !m.source) throw new Error(`${folder}/${uid} is gone`);
  return m;
}

/** The file of a message, as the bag's index names it (data/eml/<folder dir>/<Mailbag-Message-ID>.eml). */
function emlOf(folder: string, uid: number): string {
  const rows = readFileSync(join(bag, 'data/index/messages.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { folder: string; uid: number; path: string });
  const row = rows.find((r) => r.folder === folder && r.uid === uid);
  if (!row) throw new Error(`${folder}/${uid} is not in the index`);
  return join(bag, row.path);
}
const key = (folder: string, uid: number) => `${folder}\u0000${uid}`;

beforeAll(async () => {
  work = tempDir('um-handover-export-');
  [stack, outgoing, incoming] = await Promise.all([
    startMailStack({ folders: { [UNIT_EMAIL]: ['Chỉ đạo', NESTED, ARCHIVE, EMPTY, UNDER_NOSELECT] } }),
    makeIdentity('Nguyễn Văn An', 'an.nv@binhphuoc.gov.vn'),
    makeIdentity('Trần Thị Bình', 'binh.tt@binhphuoc.gov.vn'),
  ]);
  other = await connectOther(stack);
  const vn = new Date('2026-01-02T03:04:05+07:00');
  await append(
    'INBOX',
    Buffer.from(directive('Quyết định số 45/QĐ-UBND', 'Giao Văn phòng…')),
    ['\\Seen'],
    'read directive',
  );
  await append('INBOX', Buffer.from(directive('Công văn số 12 khẩn', 'Chưa đọc')), [], 'unread directive');
  await append('INBOX', Buffer.from(withAttachment('Chỉ thị 05/CT-UBND')), ['$Forwarded', 'DaXuLy'], 'attachment');
  await append(
    NESTED,
    Buffer.from(directive('Kế hoạch 7', 'Mọi cờ')),
    [...ALL_SYSTEM_FLAGS, '$Forwarded', '$MDNSent', 'DaXuLy', 'Quan_trong'],
    'every flag',
    vn,
  );
  // Larger than one partial-fetch chunk (4 MiB): fetched in pieces.
  const big = Buffer.concat([
    Buffer.from(
      withAttachment('Hồ sơ lớn').replace('--b1--', '--b1\r\nContent-Type: application/octet-stream\r\n\r\n'),
    ),
    Buffer.from(`${'QUJDRA=='.repeat(700_000).replace(/(.{76})/g, '$1\r\n')}\r\n--b1--\r\n`),
  ]);
  await append('Chỉ đạo', big, [], 'large');
  for (const name of readdirSync(CORPUS).filter((n) => n.endsWith('.eml'))) {
    const bytes = readFileSync(new URL(name, CORPUS));
    if (bytes.length === 0) continue; // APPEND needs at least one byte
    await append(ARCHIVE, bytes, [], `malformed ${name}`);
  }
  await append(ARCHIVE, Buffer.from('From: a@binhphuoc.gov.vn\nSubject: bare LF\n\nline 1\nline 2\n'), [], 'bare LF');
  await append(ARCHIVE, Buffer.from('Subject: no other header\r\n\r\nx\r\n'), ['\\Flagged'], 'missing headers');
  await append(UNDER_NOSELECT, Buffer.from(directive('Lưu trữ 2025', 'cũ')), ['\\Seen'], 'under noselect');
  await append('Sent', Buffer.from(directive('Báo cáo gửi đi', 'đã gửi', UNIT_EMAIL)), ['\\Seen'], 'sent');

  for (const a of appended) flagsBefore.set(key(a.folder, a.uid), [...(await serverState(a.folder, a.uid)).flags!]);
  bag = join(work.dir, 'ban-giao-vanphong');
  result = await exportHandover(options(bag, { tar: true, connections: 3 }));
}, 240_000);

afterAll(async () => {
  await other?.logout().catch(() => undefined);
  await stack?.stop();
  work?.cleanup();
});

describe('handover export round trip', () => {
  it('writes every message, byte-identical to the server (and to what was appended)', async () => {
    expect(result.messages).toBe(appended.length);
    expect(result.consistent).toBe(true);
    expect(result.changes).toEqual([]);
    expect(result.resumed).toBe(0);
    expect(filesUnder(bag, 'data/eml')).toHaveLength(appended.length);
    for (const a of appended) {
      const eml = readFileSync(emlOf(a.folder, a.uid));
      const server = (await serverState(a.folder, a.uid)).source!;
      expect(eml.equals(server), `${a.label}: .eml differs from BODY.PEEK[]`).toBe(true);
      // The server keeps bytes as given unless they are not canonical RFC 5322 (bare LF or CR, NUL).
      const canonical = !/(^|[^\r])\n|\r(?!\n)|\0/.test(a.bytes.toString('latin1'));
      if (canonical) expect(eml.equals(a.bytes), `${a.label}: .eml differs from the appended bytes`).toBe(true);
    }
    const bare = appended.find((a) => a.label === 'bare LF') as Appended;
    expect(readFileSync(emlOf(bare.folder, bare.uid)).toString()).toBe(bare.bytes.toString().replace(/\n/g, '\r\n'));
    const large = appended.find((a) => a.label === 'large') as Appended;
    expect(readFileSync(emlOf(large.folder, large.uid)).length).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('never sets \\Seen, and the index rows carry the flags, keywords and INTERNALDATE', async () => {
    const table = parseCsv(readFileSync(join(bag, 'data/index/messages.csv'), 'utf8'));
    expect(table.shift()).toEqual([...MESSAGES_CSV_HEADER]);
    const col = (name: (typeof MESSAGES_CSV_HEADER)[number]) => MESSAGES_CSV_HEADER.indexOf(name);
    expect(table).toHaveLength(appended.length);
    for (const a of appended) {
      const now = await serverState(a.folder, a.uid);
      const flags = [...now.flags!];
      expect(flags, `${a.label}: flags changed by the export`).toEqual(flagsBefore.get(key(a.folder, a.uid)));
      if (!a.flags.includes('\\Seen')) expect(flags).not.toContain('\\Seen');
      const row = table.find((r) => r[col('folder')] === a.folder && r[col('uid')] === String(a.uid));
      expect(row, `${a.label}: no index row`).toBeDefined();
      const system = flags.filter((f) => f.startsWith('\\') && f !== '\\Recent').sort();
      const keywords = flags.filter((f) => !f.startsWith('\\')).sort();
      expect(row?.[col('flags')]).toBe(system.join(' '));
      expect(row?.[col('keywords')]).toBe(keywords.join(' '));
      expect(row?.[col('internaldate')]).toBe(rfc3339(now.internalDate as Date));
      const eml = readFileSync(emlOf(a.folder, a.uid));
      expect(row?.[col('size')]).toBe(String(eml.length));
      expect(row?.[col('sha256')]).toBe(createHash('sha256').update(eml).digest('hex'));
      expect(row?.[col('path')]).toMatch(
        new RegExp(`^data/eml/[A-Za-z0-9._/-]+/${row?.[col('mailbag_message_id')]}\\.eml$`),
      );
    }
    const everyFlag = table.find((r) => r[col('folder')] === NESTED);
    expect(everyFlag?.[col('flags')]).toBe(ALL_SYSTEM_FLAGS.join(' '));
    expect(everyFlag?.[col('keywords')]).toBe('$Forwarded $MDNSent DaXuLy Quan_trong');
    expect(everyFlag?.[col('internaldate')]).toBe('2026-01-02T03:04:05+07:00');
    const jsonl = readFileSync(join(bag, 'data/index/messages.jsonl'), 'utf8').trim().split('\n');
    expect(jsonl).toHaveLength(appended.length);
    expect(JSON.parse(jsonl[0] as string)).toMatchObject({ folder: 'INBOX', uid: 1, flags: ['\\Seen'] });
  });

  it('lists every folder in folders.json: Vietnamese and raw names, \\Noselect, empty, special-use', () => {
    const folders = JSON.parse(readFileSync(join(bag, 'data/index/folders.json'), 'utf8')) as FolderIndexEntry[];
    const by = new Map(folders.map((f) => [f.name, f]));
    expect(folders[0]?.name).toBe('INBOX');
    for (const name of [
      'INBOX',
      'Chỉ đạo',
      NESTED,
      ARCHIVE,
      EMPTY,
      'Lưu trữ',
      UNDER_NOSELECT,
      'Sent',
      'Drafts',
      'Trash',
      'Junk',
    ])
      expect(by.has(name), name).toBe(true);
    expect(by.get('Lưu trữ')).toMatchObject({ selectable: false, messages: 0, uidValidity: null });
    expect(by.get(EMPTY)).toMatchObject({ selectable: true, messages: 0, bytes: 0, oldest: null });
    expect(by.get(NESTED)).toMatchObject({ rawName: 'Ch&Hsk- &AREeoQ-o/&ARAA4w- x&Hu0- l&AP0-', delimiter: '/' });
    expect(by.get('Sent')?.specialUse).toBe('\\Sent');
    for (const f of folders) {
      expect(f.id).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(f.messages).toBe(appended.filter((a) => a.folder === f.name).length);
      if (f.selectable) {
        expect(f.end).toMatchObject({ uidValidity: f.uidValidity, uidNext: f.uidNext, highestModseq: f.highestModseq });
      }
    }
    expect(new Set(folders.map((f) => f.id)).size).toBe(folders.length);
    expect(result.record.folders.map((f) => f.name)).toEqual(folders.map((f) => f.name));
    expect(result.record.totals.messages).toBe(appended.length);
    expect(result.record.registers).toEqual({ delegation: 0, ledger: 0, audit: 0 });
    for (const r of emptyRegisters()) {
      expect(readFileSync(join(bag, 'data/registers', r.fileName), 'utf8')).toBe(`${r.header}\n`);
    }
  });

  it("passes the stock tools exactly as HUONG-DAN-KIEM-TRA.txt prints them, and the brief's openssl command", () => {
    const guide = readFileSync(join(bag, 'HUONG-DAN-KIEM-TRA.txt'), 'utf8');
    const commands = guideCommands(guide, [1, 2, 3, 4, 6]);
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const command of commands) {
      const r = bash(command, bag);
      expect(r.code, `${command}\n${r.out}`).toBe(0);
    }
    expect(bash('sha256sum -c manifest-sha256.txt', bag).code).toBe(0);
    const signerPem = outgoing.writePem(work.dir, 'signer').cert;
    const cms = bash(
      `openssl cms -verify -binary -inform DER -in seal/tagmanifest-sha256.txt.p7s -content tagmanifest-sha256.txt -CAfile '${signerPem}' -out /dev/null`,
      bag,
    );
    expect(cms.code, cms.out).toBe(0);
    // Only the incoming head opens the credential.
    const inc = incoming.writePem(work.dir, 'incoming', true);
    const opened = execFileSync('openssl', [
      'cms',
      '-decrypt',
      '-inform',
      'DER',
      '-in',
      join(bag, 'handover/credential.p7m'),
      '-recip',
      inc.cert,
      '-inkey',
      inc.key as string,
    ]);
    expect(new Uint8Array(opened)).toEqual(credential);
    const p7m = readFileSync(join(bag, 'handover/credential.p7m'));
    expect(result.record.credential.sha256).toBe(createHash('sha256').update(p7m).digest('hex'));
    expect(readFileSync(join(bag, 'data/record/bien-ban.json'), 'utf8')).not.toContain('Mật-khẩu');
  });

  it('writes one .tar with a single base directory listing the same files', () => {
    expect(result.tarPath).toBe(`${bag}.tar`);
    const listed = execFileSync('tar', ['-tf', `${bag}.tar`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listed.every((p) => p === 'ban-giao-vanphong/' || p.startsWith('ban-giao-vanphong/'))).toBe(true);
    const files = listed
      .filter((p) => !p.endsWith('/'))
      .map((p) => p.slice('ban-giao-vanphong/'.length))
      .sort();
    expect(files).toEqual(filesUnder(bag));
    expect(files).not.toContain('.export-state');
    expect(existsSync(join(bag, '.export-state'))).toBe(false);
  });

  it('verifies as valid, from the directory and from the .tar', async () => {
    for (const path of [bag, `${bag}.tar`]) {
      const report = await verifyBag(path, { clock: systemClock });
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({
        valid: true,
        counts: { messages: appended.length, folders: result.record.folders.length },
        payloadOxum: { declared: result.payloadOxum, actual: result.payloadOxum },
        signature: { chain: 'self-signed', signerFingerprint: outgoing.party.certificateSha256 },
      });
    }
    const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    for (const label of [
      'Bag-Type: Mailbag',
      'Mailbag-Source: imap',
      `Mailbox-Address: ${UNIT_EMAIL}`,
      'Payload-Oxum: ',
    ])
      expect(info).toContain(label);
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
  });

  it('reports changes made to the mailbox during the export', async () => {
    let calls = 0;
    const out = join(work.dir, 'changed');
    const r = await exportHandover(
      options(out, {
        connections: 2,
        connect: async () => {
          calls += 1;
          // The second connection opens after the snapshot: a message arriving now is after it.
          if (calls === 2) await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive('Đến trong khi xuất', 'mới'));
          return connectImap(creds());
        },
      }),
    );
    expect(r.consistent).toBe(false);
    expect(r.changes.join('\n')).toMatch(/folder "INBOX": UIDNEXT changed/);
    expect(r.record.snapshot).toMatchObject({ consistent: false });
    // The snapshot is what it was at the start: the new message is not in the bag.
    expect(r.messages).toBe(appended.length);
    expect((await verifyBag(out, { clock: systemClock })).valid).toBe(true);
  });

  it('exports a mailbox without a single message into a valid bag', async () => {
    const email = 'canbo1@binhphuoc.gov.vn';
    const out = join(work.dir, 'empty-mailbox');
    const r = await exportHandover(
      options(out, {
        mailbox: email,
        connect: () => connectImap({ ...creds(), username: email, password: passwordOf(stack, email) }),
      }),
    );
    expect(r).toMatchObject({ messages: 0, bytes: 0, consistent: true });
    expect(r.record.folders.map((f) => f.name)).toEqual(expect.arrayContaining(['INBOX', 'Sent', 'Trash']));
    const report = await verifyBag(out, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.counts.messages).toBe(0);
  });

  it('fetch threads write the same payload, and resume after a cancel without fetching twice', async () => {
    const threads = {
      workerUrl: new URL('../../electron/services/handover/export/fetch-worker.ts', import.meta.url),
      imap: creds(),
      threads: 2,
    };
    const out = join(work.dir, 'threaded');
    // Cancelled once a few messages are journaled; the same call again resumes.
    const controller = new AbortController();
    await expect(
      exportHandover(
        options(out, {
          connections: 3,
          fetchThreads: threads,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.messagesDone >= 3) controller.abort();
          },
        }),
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    // What the resumed run did not journal goes from the payload: a file of a UID it never
    // fetched, one that is no message file at all, and a folder that is not in the snapshot.
    const someFolder = 'INBOX';
    const strays = [`${someFolder}/999999.eml`, `${someFolder}/note.part`, 'zz-not-a-folder/1.eml'];
    for (const s of strays) {
      mkdirSync(dirname(join(out, 'data/eml', s)), { recursive: true });
      writeFileSync(join(out, 'data/eml', s), 'stray\r\n');
    }
    const r = await exportHandover(options(out, { connections: 3, fetchThreads: threads }));
    expect(r.resumed).toBeGreaterThanOrEqual(3);
    for (const s of strays) expect(existsSync(join(out, 'data/eml', s)), s).toBe(false);
    // Earlier tests changed the mailbox: compare with an export in this thread made now.
    const here = join(work.dir, 'in-thread');
    expect((await exportHandover(options(here, { connections: 3 }))).messages).toBe(r.messages);
    const payload = (dir: string) =>
      readFileSync(join(dir, 'manifest-sha512.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.includes(' data/eml/'));
    expect(payload(out)).toHaveLength(r.messages);
    expect(payload(out)).toEqual(payload(here));
    expect(readFileSync(join(out, 'data/index/messages.csv'))).toEqual(
      readFileSync(join(here, 'data/index/messages.csv')),
    );
    expect((await verifyBag(out, { clock: systemClock })).valid).toBe(true);
  });

  it('refuses a directory that holds something else', async () => {
    const out = join(work.dir, 'occupied');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'x');
    await expect(exportHandover(options(out))).rejects.toMatchObject({ code: 'FILE_ERROR' });
  });
});
