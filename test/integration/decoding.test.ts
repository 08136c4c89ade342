import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { ManualClock, systemClock } from '../../electron/services/clock/clock.ts';
import { parseCsv } from '../../electron/services/handover/bag/csv.ts';
import { exportHandover } from '../../electron/services/handover/export/export-handover.ts';
import { MAILBAG_CSV_HEADER } from '../../electron/services/handover/export/indexes.ts';
import { emptyRegisters } from '../../electron/services/handover/export/registers.ts';
import { connectImap } from '../../electron/services/imap/imap-connection.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import type { CachedSummary, MessageDetail } from '../../shared/mail.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { CLI_BUILT, accountAddArgs, runCli } from '../support/cli-runner.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { connectOther, draftFor } from '../support/fixtures.ts';
import { makeIdentity } from '../support/handover-identities.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';

// One decoder for every view: each message of the decoding corpus (legacy charsets, TCVN3, VNI,
// split encoded words, labelled-but-wrong charsets, NFD) must show the same NFC text in the list
// row (the cache after a real sync through Dovecot), a search hit, the directive view, `show`
// (the built CLI) and the handover export's mailbag.csv.

const EMAIL = 'giaima@binhphuoc.gov.vn';
const PASSWORD = 'GiaiMa#2026!';
const SENDERS = '@sonoivu.binhphuoc.gov.vn';
const CORPUS = new URL('../fixtures/decoding/', import.meta.url);
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', CORPUS), 'utf8')) as Record<
  string,
  { subject: string; fromName: string; body: string; dateSource: 'header' | 'internal' }
>;
const FILES = Object.keys(EXPECTED);
/** Given on APPEND; the server may keep its own time instead, so the tests read the INTERNALDATE back. */
const RECEIVED = new Date('2026-12-07T03:04:00.000Z');

let stack: MailStack;
let other: ImapFlow;
let work: { dir: string; cleanup: () => void };
let services: AppServices;
let accountId: string;
const uidOf = new Map<string, number>();
const internalOf = new Map<number, string>();
/** dd/mm/yyyy HH:mm at UTC+7 (Vietnam keeps no summer time), computed without Intl. */
function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
const nfc = (s: string) => expect(s).toBe(s.normalize('NFC'));

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  stack = await startMailStack({ users: [{ email: EMAIL, password: PASSWORD }] });
  other = await connectOther(stack, EMAIL);
  for (const file of FILES) {
    const r = await other.append('INBOX', readFileSync(new URL(file, CORPUS)), [], RECEIVED);
    if (!r || !r.uid) throw new Error(`APPEND of ${file} gave no UID`);
    uidOf.set(file, r.uid);
  }
  // The server's INTERNALDATE, as it stored it (what a message without a Date header is dated by).
  await other.mailboxOpen('INBOX', { readOnly: true });
  for await (const m of other.fetch('1:*', { uid: true, internalDate: true })) {
    if (m.internalDate) internalOf.set(m.uid, new Date(m.internalDate).toISOString());
  }
  work = tempDir('um-decoding-');
  services = createAppServices({
    clock: new ManualClock(Date.UTC(2026, 11, 20)),
    profileDir: join(work.dir, 'app'),
    secrets: new MemorySecretStore(),
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'test',
    platform: process.platform,
    syncWorkerUrl: new URL('../../electron/services/sync/sync-worker.ts', import.meta.url),
  });
  // Every corpus message is from the leadership, so each must be in the directive view.
  services.settings.updatePreferences({ directiveLeadership: [SENDERS] });
  accountId = (await services.accounts.add(draftFor(stack, EMAIL), PASSWORD)).id;
  await services.sync.start(accountId);
}, 240_000);

afterAll(async () => {
  await new OsKeychain().delete(secretKeys.accountPassword(EMAIL)).catch(() => false);
  await other?.logout().catch(() => undefined);
  await services?.dispose();
  await stack?.stop();
  work?.cleanup();
});

function expectShown(row: { subject: string; from: { name: string }[] } | undefined, file: string, view: string) {
  expect(row, `${file}: missing from the ${view}`).toBeDefined();
  expect(row!.subject, `${file}: subject in the ${view}`).toBe(EXPECTED[file]!.subject);
  expect(row!.from[0]?.name, `${file}: sender name in the ${view}`).toBe(EXPECTED[file]!.fromName);
  nfc(row!.subject);
}

describe('one decoder for every view, on the real Dovecot', () => {
  it('the list row (cache after a real sync)', () => {
    const rows = services.caches.get(accountId).list({ folder: 'INBOX', limit: 100 }).rows;
    expect(rows).toHaveLength(FILES.length);
    for (const file of FILES) {
      const row = rows.find((r) => r.uid === uidOf.get(file));
      expectShown(row, file, 'list');
      const internal = internalOf.get(row!.uid);
      if (EXPECTED[file]!.dateSource === 'internal') expect(row!.date).toBe(internal);
      else expect(row!.date).not.toBe(internal);
    }
  });

  it('a search hit, by the subject as typed and by a word of the decoded body', async () => {
    for (const file of FILES) {
      const uid = uidOf.get(file);
      const bySubject = await services.mail.search(accountId, EXPECTED[file]!.subject, { limit: 50 });
      expectShown(
        bySubject.hits.find((h) => h.uid === uid),
        file,
        'search by subject',
      );
      const body = EXPECTED[file]!.body.replace(/[.,]/g, '');
      const byBody = await services.mail.search(accountId, `body:"${body}"`, { limit: 50 });
      expect(
        byBody.hits.map((h) => h.uid),
        `${file}: body "${body}"`,
      ).toContain(uid);
    }
  });

  it('the directive view', () => {
    const list: CachedSummary[] = services.caches.get(accountId).directives(500);
    for (const file of FILES) {
      expectShown(
        list.find((d) => d.uid === uidOf.get(file)),
        file,
        'directive view',
      );
    }
  });

  it('`show` in the built CLI: the same text, local dates, INTERNALDATE marked', async () => {
    const profile = join(work.dir, 'cli');
    const add = await runCli(profile, accountAddArgs(stack, EMAIL, { name: 'Giải mã' }), `${PASSWORD}\n`);
    expect(add.stderr).toBe('');
    for (const file of FILES) {
      const args = ['show', '--account', EMAIL, '--folder', 'INBOX', '--uid', String(uidOf.get(file))];
      const json = await runCli(profile, [...args, '--json']);
      expect(json.code, json.stderr).toBe(0);
      const m = JSON.parse(json.stdout) as MessageDetail;
      expectShown(m, file, '`show --json`');
      expect(m.text.trim()).toBe(EXPECTED[file]!.body);
      expect(m.dateSource).toBe(EXPECTED[file]!.dateSource);
      const text = await runCli(profile, args);
      expect(text.stdout).toContain(`Subject: ${EXPECTED[file]!.subject}\n`);
      expect(text.stdout).toContain(EXPECTED[file]!.body);
      const marked = m.dateSource === 'internal' ? ' (ngày nhận / received)' : '';
      expect(text.stdout).toContain(`Date:    ${vietnamTime(m.date!)}${marked}\n`);
      if (m.dateSource === 'internal') expect(m.date).toBe(internalOf.get(m.uid));
    }
  });

  it("the handover export's mailbag.csv", async () => {
    const [outgoing, incoming] = await Promise.all([
      makeIdentity('Nguyễn Văn Giao', 'giao.nv@binhphuoc.gov.vn'),
      makeIdentity('Trần Thị Nhận', 'nhan.tt@binhphuoc.gov.vn'),
    ]);
    const bag = join(work.dir, 'ban-giao');
    await exportHandover({
      clock: systemClock,
      connect: () =>
        connectImap({
          server: { host: stack.host, port: stack.imapPort, security: 'starttls' },
          username: EMAIL,
          password: PASSWORD,
          caPem: stack.caPem,
          allowInsecure: false,
        }),
      mailbox: EMAIL,
      outDir: bag,
      signer: outgoing.signer,
      recipientCertificate: incoming.certificate,
      credential: new TextEncoder().encode('{"format":"test-credential"}'),
      parties: {
        unit: 'Sở Nội vụ',
        place: 'Đồng Xoài',
        outgoing: outgoing.party,
        incoming: incoming.party,
        witness: null,
      },
      registers: emptyRegisters(),
      openDirectives: null,
      fontsDir: new URL('../../resources/fonts', import.meta.url).pathname,
    });
    const [header, ...rows] = parseCsv(readFileSync(join(bag, 'mailbag.csv'), 'utf8'));
    expect(header).toEqual([...MAILBAG_CSV_HEADER]);
    const col = (name: (typeof MAILBAG_CSV_HEADER)[number]) => MAILBAG_CSV_HEADER.indexOf(name);
    FILES.forEach((file, i) => {
      const row = rows.find((r) => r[col('Message-ID')] === `<decoding-${i + 1}@corpus.binhphuoc.gov.vn>`);
      expect(row, `${file}: missing from mailbag.csv`).toBeDefined();
      expect(row![col('Subject')], `${file}: subject in mailbag.csv`).toBe(EXPECTED[file]!.subject);
      expect(row![col('From')], `${file}: From in mailbag.csv`).toBe(`${EXPECTED[file]!.fromName} <vanthu${SENDERS}>`);
    });
  });
});
