import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { parseBagInfo, bagInfoValue } from '../../electron/services/handover/bag/bag-info.ts';
import { parseCsv } from '../../electron/services/handover/bag/csv.ts';
import { folderDirs, windowsPathProblem } from '../../electron/services/handover/bag/folder-dir.ts';
import { parseManifest } from '../../electron/services/handover/bag/manifest.ts';
import { exportHandover, type ExportOptions } from '../../electron/services/handover/export/export-handover.ts';
import { MAILBAG_CSV_HEADER, type FolderIndexEntry } from '../../electron/services/handover/export/indexes.ts';
import { emptyRegisters } from '../../electron/services/handover/export/registers.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { connectImap } from '../../electron/services/imap/imap-connection.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { filesUnder, treeDigest } from '../support/bag-tools.ts';
import { connectOther, directive, passwordOf } from '../support/fixtures.ts';
import { makeIdentity, type TestIdentity } from '../support/handover-identities.ts';
import { tempDir } from '../support/temp-dir.ts';

// Mailbag 1.0 conformance of the handover bag, on the real Dovecot, checked by the Library of
// Congress validator and by the bag's own published BagIt profile: files named by their
// Mailbag-Message-ID (so rows point at the right message after deletions), the hierarchy kept as
// nested names valid on Windows, tag manifests in both algorithms, the IMAP source named.

const MAILBOX = 'mailbag@binhphuoc.gov.vn';
const BAGIT_PY = new URL('../../../shared/tools/bagit/bagit.py', import.meta.url).pathname;
const PROFILE = JSON.parse(
  readFileSync(new URL('../../resources/bagit-profile-unit-mailbox.json', import.meta.url), 'utf8'),
) as Profile;
/** 226 characters of hierarchy (Dovecot refuses one name of 250: that is checked on the naming alone). */
const LONG = [`Lưu trữ ${'x'.repeat(50)}`, 'y'.repeat(55), 'z'.repeat(55), 'w'.repeat(55)].join('/');
const ODD = ['CON', 'b ', 'x:y', 'Com1', LONG, 'Chỉ đạo/Đã xử lý'];
/** Names Dovecot's Maildir++ refuses ('.', too long), checked on the naming alone. */
const DOTTED = ['a.', 'nul.txt', 'LPT9.log', '..', 'Sổ.', `Hồ sơ ${'w'.repeat(244)}`];
const DELETED = [2, 4];

interface Profile {
  'BagIt-Profile-Info': { 'BagIt-Profile-Identifier': string; 'BagIt-Profile-Version': string };
  'Bag-Info': Record<string, { required?: boolean; values?: string[] }>;
  'Manifests-Required': string[];
  'Tag-Manifests-Required': string[];
  'Tag-Files-Required': string[];
  'Tag-Files-Allowed': string[];
  'Payload-Files-Required': string[];
  'Payload-Files-Allowed': string[];
  'Accept-BagIt-Version': string[];
}

let stack: MailStack;
let work: { dir: string; cleanup: () => void };
let outgoing: TestIdentity;
let incoming: TestIdentity;
let client: ImapFlow;
let bag: string;
/** Message-ID → the bytes the server holds, per folder. */
const onServer = new Map<string, Buffer>();

function options(outDir: string): ExportOptions {
  const imap = {
    server: { host: stack.host, port: stack.imapPort, security: 'starttls' as const },
    username: MAILBOX,
    password: passwordOf(stack, MAILBOX),
    caPem: stack.caPem,
    allowInsecure: false,
  };
  return {
    clock: systemClock,
    connect: () => connectImap(imap),
    mailbox: MAILBOX,
    outDir,
    signer: outgoing.signer,
    recipientCertificate: incoming.certificate,
    credential: new TextEncoder().encode('{"format":"test-credential"}'),
    parties: {
      unit: 'Văn phòng UBND tỉnh Bình Phước',
      place: 'Đồng Xoài',
      outgoing: outgoing.party,
      incoming: incoming.party,
      witness: null,
    },
    registers: emptyRegisters(),
    openDirectives: 0,
    fontsDir: new URL('../../resources/fonts', import.meta.url).pathname,
    softwareVersion: packageJson.version,
    imapSource: { user: imap.username, host: imap.server.host },
  };
}

const messageId = (eml: Buffer) => /^Message-ID:\s*(<[^>]+>)/im.exec(eml.toString('latin1'))?.[1] ?? '';
const sha = (alg: string, bytes: Buffer) => createHash(alg).update(bytes).digest('hex');
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

beforeAll(async () => {
  work = tempDir('um-handover-mailbag-');
  [stack, outgoing, incoming] = await Promise.all([
    startMailStack({
      users: [{ email: MAILBOX, password: 'MailBag#2026!' }],
      folders: { [MAILBOX]: ODD },
    }),
    makeIdentity('Nguyễn Văn An', 'an.nv@binhphuoc.gov.vn'),
    makeIdentity('Trần Thị Bình', 'binh.tt@binhphuoc.gov.vn'),
  ]);
  client = await connectOther(stack, MAILBOX);
  for (let i = 1; i <= 6; i++) {
    const date = `Tue, ${String(i).padStart(2, '0')} Dec 2026 0${i}:00:00 +0700`;
    await client.append('INBOX', Buffer.from(directive(`Công văn ${i}`, `Nội dung ${i}`, undefined, date)), []);
  }
  for (const folder of ODD) await client.append(folder, Buffer.from(directive(`Thư trong ${folder}`, 'x')), ['\\Seen']);
  // Deleted before the export: INBOX's UIDs 1, 3, 5, 6 are left, and Mailbag-Message-IDs 1…4.
  await client.mailboxOpen('INBOX');
  await client.messageDelete(DELETED.join(','), { uid: true });
  for (const folder of ['INBOX', ...ODD]) {
    await client.mailboxOpen(folder, { readOnly: true });
    for await (const m of client.fetch('1:*', { uid: true, source: true })) {
      if (m.source) onServer.set(`${folder}\u0000${messageId(m.source)}`, m.source);
    }
  }
  bag = join(work.dir, 'ban-giao');
  await exportHandover(options(bag));
}, 240_000);

afterAll(async () => {
  await client?.logout().catch(() => undefined);
  await stack?.stop();
  work?.cleanup();
});

describe('the handover bag as a Mailbag', () => {
  it('passes the Library of Congress BagIt validator', () => {
    const r = spawnSync('python3', [BAGIT_PY, '--validate', bag], { encoding: 'utf8' });
    expect(r.stderr).toContain('is valid');
    expect(r.status, r.stderr).toBe(0);
  });

  it('names every file by its Mailbag-Message-ID: each mailbag.csv row opens its own message', () => {
    const [header, ...rows] = parseCsv(readFileSync(join(bag, 'mailbag.csv'), 'utf8'));
    expect(header).toEqual([...MAILBAG_CSV_HEADER]);
    const col = (name: (typeof MAILBAG_CSV_HEADER)[number]) => MAILBAG_CSV_HEADER.indexOf(name);
    expect(rows).toHaveLength(onServer.size);
    expect(rows.map((r) => r[col('Mailbag-Message-ID')])).toEqual(rows.map((_, i) => String(i + 1)));
    const files = filesUnder(bag, 'data/eml');
    expect(files).toHaveLength(rows.length);
    for (const r of rows) {
      const path = `data/eml/${r[col('Derivatives-Path')]}/${r[col('Mailbag-Message-ID')]}.eml`;
      expect(files, `row ${r[col('Mailbag-Message-ID')]}`).toContain(path);
      const eml = readFileSync(join(bag, path));
      expect(messageId(eml)).toBe(r[col('Message-ID')]);
      // The same message the server holds in that folder, byte for byte (not a neighbour's).
      expect(
        eml.equals(onServer.get(`${r[col('Message-Path')]}\u0000${r[col('Message-ID')]}`) ?? Buffer.alloc(0)),
      ).toBe(true);
      // Date: the Date header's content, as written.
      const date = /^Date:\s*(.*?)\r?$/im.exec(eml.toString('latin1'))?.[1];
      expect(r[col('Date')]).toBe(date);
    }
    const inbox = rows.filter((r) => r[col('Message-Path')] === 'INBOX');
    expect(inbox.map((r) => r[col('Subject')])).toEqual(['Công văn 1', 'Công văn 3', 'Công văn 5', 'Công văn 6']);
    expect(inbox.map((r) => r[col('Date')])[1]).toBe('Tue, 03 Dec 2026 03:00:00 +0700');
  });

  it('keeps the index, mailbag.csv and the file names in agreement', () => {
    const [, ...mailbag] = parseCsv(readFileSync(join(bag, 'mailbag.csv'), 'utf8'));
    const jsonl = readFileSync(join(bag, 'data/index/messages.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path: string; mailbag_message_id: number; message_id: string; date: string });
    expect(jsonl.map((o) => o.mailbag_message_id)).toEqual(mailbag.map((r) => Number(r[1])));
    expect(jsonl.map((o) => o.message_id)).toEqual(mailbag.map((r) => r[2]));
    for (const o of jsonl) expect(o.path.endsWith(`/${o.mailbag_message_id}.eml`)).toBe(true);
    // The app's own index keeps the time as RFC 3339.
    expect(jsonl[1]?.date).toMatch(/^2026-12-03T03:00:00\+07:00$/);
  });

  it('keeps the hierarchy as nested names, and every path is valid on Windows', () => {
    const folders = JSON.parse(readFileSync(join(bag, 'data/index/folders.json'), 'utf8')) as FolderIndexEntry[];
    const dir = new Map(folders.map((f) => [f.name, f.dir]));
    expect(dir.get('Chỉ đạo/Đã xử lý')).toBe(`${dir.get('Chỉ đạo')}/Da_xu_ly`);
    expect(dir.get('Chỉ đạo')).toBe('Chi_dao');
    expect(dir.get('INBOX')).toBe('INBOX');
    expect(new Set(folders.map((f) => f.dir.toLowerCase())).size).toBe(folders.length);
    for (const name of ODD) expect(windowsPathProblem(`data/eml/${dir.get(name)}/1234567890.eml`), name).toBeNull();
    for (const path of filesUnder(bag)) expect(windowsPathProblem(path), path).toBeNull();
    // Collisions after sanitising are resolved the same way whatever the order the server lists.
    const names = [...ODD, ...DOTTED, 'CON_', 'a', 'A', 'x_y'].map((path) => ({ path, delimiter: '/' }));
    const once = folderDirs(names);
    const reversed = folderDirs([...names].reverse());
    expect([...reversed].sort()).toEqual([...once].sort());
    expect(new Set([...once.values()].map((d) => d.toLowerCase())).size).toBe(once.size);
    for (const [name, d] of once) expect(windowsPathProblem(`data/eml/${d}/1234567890.eml`), name).toBeNull();
  });

  it('has tagmanifest-sha512.txt with the same files as tagmanifest-sha256.txt, each digest correct', () => {
    const m512 = parseManifest(readFileSync(join(bag, 'tagmanifest-sha512.txt'), 'utf8'), 128);
    const m256 = parseManifest(readFileSync(join(bag, 'tagmanifest-sha256.txt'), 'utf8'), 64);
    expect(m512.errors).toEqual([]);
    expect([...m512.entries.keys()].sort()).toEqual([...m256.entries.keys()].sort());
    expect(m512.entries.has('manifest-sha512.txt')).toBe(true);
    for (const [path, digest] of m512.entries) expect(sha('sha512', readFileSync(join(bag, path))), path).toBe(digest);
  });

  it('names the agent, the IMAP source and its profile in bag-info.txt, and conforms to that profile', () => {
    const { info, errors } = parseBagInfo(readFileSync(join(bag, 'bag-info.txt'), 'utf8'));
    expect(errors).toEqual([]);
    const value = (label: string) => bagInfoValue(info, label);
    expect(value('Mailbag-Agent-Version')).toBe(packageJson.version);
    expect(value('Bag-Software-Agent')).toBe(`unit-mailbox ${packageJson.version}`);
    expect(value('IMAP-User')).toBe(MAILBOX);
    expect(value('IMAP-Host')).toBe(stack.host);
    expect(value('External-Identifier')).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(value('BagIt-Profile-Identifier')).toBe(PROFILE['BagIt-Profile-Info']['BagIt-Profile-Identifier']);
    expect(value('BagIt-Profile-Version')).toBe(PROFILE['BagIt-Profile-Info']['BagIt-Profile-Version']);

    // The profile's rules (BagIt Profiles 1.3), checked against the bag.
    for (const [label, rule] of Object.entries(PROFILE['Bag-Info'])) {
      const v = value(label);
      if (rule.required) expect(v, label).not.toBeNull();
      if (v !== null && rule.values) expect(rule.values, label).toContain(v);
    }
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toContain(
      `BagIt-Version: ${PROFILE['Accept-BagIt-Version'][0]}`,
    );
    for (const alg of PROFILE['Manifests-Required']) expect(existsSync(join(bag, `manifest-${alg}.txt`))).toBe(true);
    for (const alg of PROFILE['Tag-Manifests-Required'])
      expect(existsSync(join(bag, `tagmanifest-${alg}.txt`))).toBe(true);
    for (const f of [...PROFILE['Tag-Files-Required'], ...PROFILE['Payload-Files-Required']])
      expect(existsSync(join(bag, f)), f).toBe(true);
    const bagitFiles = /^(bagit\.txt|bag-info\.txt|(tag)?manifest-\w+\.txt)$/;
    const all = filesUnder(bag);
    for (const f of all.filter((p) => !p.startsWith('data/') && !bagitFiles.test(p)))
      expect(
        PROFILE['Tag-Files-Allowed'].some((g) => glob(g).test(f)),
        f,
      ).toBe(true);
    for (const f of all.filter((p) => p.startsWith('data/')))
      expect(
        PROFILE['Payload-Files-Allowed'].some((g) => glob(g).test(f)),
        f,
      ).toBe(true);
  });

  it('resumes an export stopped after its files were named, and names them the same', async () => {
    const out = join(work.dir, 'stopped', 'ban-giao');
    const controller = new AbortController();
    const stopped = exportHandover({
      ...options(out),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'indexes') controller.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(filesUnder(out, 'data/eml')).toHaveLength(onServer.size);
    const again = await exportHandover(options(out));
    expect(again.resumed).toBe(onServer.size);
    expect(treeDigest(out, 'data/eml')).toEqual(treeDigest(bag, 'data/eml'));
    expect(readFileSync(join(out, 'data/index/messages.jsonl'))).toEqual(
      readFileSync(join(bag, 'data/index/messages.jsonl')),
    );
  });

  it("passes the app's own verification", async () => {
    const report = await verifyBag(bag, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
  });
});
