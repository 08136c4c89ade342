// The handover screens in Chromium against the REAL stack: two profiles, each
// with its own AppServices (production dispatcher, real gnome-keyring from
// with-keyring.sh, Dovecot + Postfix from test/stack). The outgoing head
// creates a signing identity and exports the unit mailbox; the incoming head
// imports a CA-issued .p12, verifies the package (and a tampered copy) and
// accepts it. Native dialogs are fakes returning paths the test prepared;
// everything else is real, and results are checked outside the UI: with
// openssl, with verifyBag, and on the server with an independent IMAP client.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices, type Dialogs } from '../../electron/services/app-services.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { directive, draftFor, UNIT_EMAIL, withAttachment } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

const UNIT_PASSWORD = 'ChiDao#2026!';
/** A second unit mailbox, big enough (4,000 × 24 KB) that Hủy lands in the middle of its export. */
const BIG_EMAIL = 'vanthu@binhphuoc.gov.vn';
const BIG_PASSWORD = 'VanThu#2026!';
const BIG_COUNT = 4000;
const P12_PASSWORD = 'Mat-khau-p12-2026';
const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');

const OUTGOING = {
  name: 'Nguyễn Văn Hùng',
  title: 'Chánh Văn phòng',
  unit: 'Văn phòng UBND tỉnh Bình Phước',
  email: 'nvhung@binhphuoc.gov.vn',
};
const INCOMING_NAME = 'Trần Thị Ánh Tuyết';
const CHI_DAO = 'Chỉ đạo về triển khai Đề án 06 tại các xã, phường';
const HOA_TOC = 'Hỏa tốc: Ứng phó áp thấp nhiệt đới trên Biển Đông';
const BAO_CAO = 'Báo cáo tiến độ chuyển đổi số quý IV';
const GIAY_MOI = 'Giấy mời dự hội nghị tổng kết năm 2026';
const AFTER = 'Thư đến sau khi bàn giao';

/** Dialog answers queued by the test, consumed in order by the fake native dialogs. */
interface DialogQueue {
  file: string[];
  dir: string[];
  save: string[];
}

interface Side {
  services: AppServices;
  page: Page;
  context: BrowserContext;
  bridge: Bridge;
  queue: DialogQueue;
  errors: string[];
  cleanup(): void;
}

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let outgoing: Side;
let incoming: Side;
let imap: ImapFlow;
let work: string;
let cleanupWork: () => void;
const keychain = new OsKeychain();

/**
 * A screenshot of the step, and axe on the same screen (0 serious or critical violations) unless
 * `axe` is false: while an export runs, axe's work would move the point where Hủy lands.
 */
const shot = async (side: Side, name: string, axe = true) => {
  await side.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  if (axe) await expectAccessible(side.page, name);
};

function fakeDialogs(queue: DialogQueue): Dialogs {
  return {
    pickCaFile: async () => null,
    saveFile: async () => queue.save.shift() ?? null,
    pickFile: async () => queue.file.shift() ?? null,
    pickDirectory: async () => queue.dir.shift() ?? null,
    pickFiles: async () => null,
  };
}

async function openSide(prefix: string): Promise<Side> {
  const profile = tempDir(prefix);
  const queue: DialogQueue = { file: [], dir: [], save: [] };
  const services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: keychain,
    dialogs: fakeDialogs(queue),
    openExternal: async () => undefined,
    appVersion: 'ui-test',
    platform: process.platform,
  });
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const bridge = await installBridge(page, createDispatcher(services), { events: services.events });
  return { services, page, context, bridge, queue, errors, cleanup: profile.cleanup };
}

async function closeSide(side: Side | undefined): Promise<void> {
  if (!side) return;
  side.bridge.dispose();
  await side.context.close().catch(() => undefined);
  await side.services.identity
    .remove()
    .catch(() => undefined)
    .then(() => side.services.dispose())
    .catch(() => undefined);
  side.cleanup();
}

function openssl(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('openssl', args, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `openssl x509 -fingerprint -sha256` of a PEM file: "AA:BB:…". */
function opensslFingerprint(pemFile: string): string {
  const out = openssl(['x509', '-in', pemFile, '-noout', '-fingerprint', '-sha256']);
  return out.trim().replace(/^.*Fingerprint=/i, '');
}

/** A small CA and an incoming head's certificate + key issued by it, as a .p12 with the chain. */
function makeIncomingP12(): string {
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-utf8',
    '-subj',
    '/C=VN/O=Trung tâm CNTT (thử nghiệm)/CN=CA Thử nghiệm Bình Phước',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'incoming.key',
    '-out',
    'incoming.csr',
    '-utf8',
    '-subj',
    `/CN=${INCOMING_NAME}/title=Chánh Văn phòng/O=Văn phòng UBND tỉnh Bình Phước/emailAddress=ttatuyet@binhphuoc.gov.vn`,
  ]);
  writeFileSync(
    join(work, 'incoming.cnf'),
    [
      '[v3]',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment',
      'extendedKeyUsage=emailProtection',
      'subjectAltName=email:ttatuyet@binhphuoc.gov.vn',
      '',
    ].join('\n'),
  );
  openssl([
    'x509',
    '-req',
    '-in',
    'incoming.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '20',
    '-extfile',
    'incoming.cnf',
    '-extensions',
    'v3',
    '-out',
    'incoming.pem',
  ]);
  const env = { P12PASS: P12_PASSWORD };
  openssl(
    [
      'pkcs12',
      '-export',
      '-inkey',
      'incoming.key',
      '-in',
      'incoming.pem',
      '-certfile',
      'ca.pem',
      '-out',
      'incoming.p12',
      '-passout',
      'env:P12PASS',
    ],
    env,
  );
  return join(work, 'incoming.p12');
}

/** What a folder holds on the server, read with our own connection (never the app's). */
async function subjectsOnServer(folder: string): Promise<string[]> {
  const lock = await imap.getMailboxLock(folder, { readOnly: true });
  try {
    const out: string[] = [];
    await imap.noop(); // a selected folder's new mail is news only in answer to a command
    if (!imap.mailbox || imap.mailbox.exists === 0) return out;
    for await (const m of imap.fetch('1:*', { uid: true, envelope: true })) out.push(m.envelope?.subject ?? '');
    return out;
  } finally {
    lock.release();
  }
}

/** The only bag directory the export wrote under `parent`. */
function bagIn(parent: string): string {
  const dirs = readdirSync(parent, { withFileTypes: true }).filter((d) => d.isDirectory());
  expect(dirs.map((d) => d.name)).toHaveLength(1);
  return join(parent, (dirs[0] as { name: string }).name);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

const byTestId = (side: Side, id: string) => side.page.getByTestId(id);
const center = (side: Side) => byTestId(side, 'handover-center');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  ({ dir: work, cleanup: cleanupWork } = tempDir('um-ui-handover-'));
  [stack, web, browser] = await Promise.all([
    startMailStack({
      users: [
        { email: UNIT_EMAIL, password: UNIT_PASSWORD },
        { email: BIG_EMAIL, password: BIG_PASSWORD },
      ],
      folders: { [UNIT_EMAIL]: ['Chỉ đạo', 'Chỉ đạo/Đã xử lý', 'Hồ sơ & Lưu trữ'], [BIG_EMAIL]: ['Lưu trữ 2025'] },
    }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  const lanhDao = 'chutich@binhphuoc.gov.vn';
  await stack.appendMessage(
    UNIT_EMAIL,
    'INBOX',
    directive(GIAY_MOI, 'Kính mời dự hội nghị.', lanhDao, 'Fri, 20 Nov 2026 08:00:00 +0700'),
    ['\\Seen'],
  );
  await stack.appendMessage(
    UNIT_EMAIL,
    'INBOX',
    directive(HOA_TOC, 'Triển khai ngay phương án ứng phó.', lanhDao, 'Wed, 25 Nov 2026 07:00:00 +0700'),
    ['\\Flagged'],
  );
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', withAttachment(BAO_CAO), ['\\Seen', '$Label1']);
  await stack.appendMessage(
    UNIT_EMAIL,
    'Chỉ đạo/Đã xử lý',
    directive(CHI_DAO, 'Chủ tịch UBND tỉnh chỉ đạo.', lanhDao, 'Mon, 23 Nov 2026 08:00:00 +0700'),
    ['\\Seen', '\\Answered'],
  );
  await stack.bulkSeed(BIG_EMAIL, 'Lưu trữ 2025', BIG_COUNT, (i) =>
    [
      'From: so-noivu@binhphuoc.gov.vn',
      `To: ${BIG_EMAIL}`,
      `Subject: Công văn lưu trữ số ${i + 1}/2025`,
      'Date: Mon, 1 Dec 2025 08:00:00 +0700',
      `Message-ID: <luu-tru-${i}@binhphuoc.gov.vn>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Nội dung công văn số ${i + 1}. `.repeat(800),
      '',
    ].join('\n'),
  );

  [outgoing, incoming] = await Promise.all([openSide('um-ui-out-'), openSide('um-ui-in-')]);
  await outgoing.services.accounts.add(draftFor(stack, UNIT_EMAIL), UNIT_PASSWORD);
  await outgoing.services.accounts.add(draftFor(stack, BIG_EMAIL, { displayName: 'Văn thư (lưu trữ)' }), BIG_PASSWORD);

  imap = new ImapFlow({
    host: stack.host,
    port: stack.imapPort,
    secure: false,
    doSTARTTLS: true,
    auth: { user: UNIT_EMAIL, pass: UNIT_PASSWORD },
    tls: { ca: stack.caPem },
    logger: false,
  });
  await imap.connect();
  await Promise.all([outgoing.page.goto(web.url), incoming.page.goto(web.url)]);
});

afterAll(async () => {
  await imap?.logout().catch(() => undefined);
  await closeSide(outgoing);
  await closeSide(incoming);
  await browser?.close();
  await keychain.delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  await keychain.delete(secretKeys.accountPassword(BIG_EMAIL)).catch(() => false);
  await Promise.all([stack?.stop(), web?.close()]);
  cleanupWork?.();
});

let outgoingFingerprint = '';
let incomingCertFile = '';
let incomingFingerprint = '';
let unitBag = '';

describe('handover screens against the real services', () => {
  it('40 the outgoing head creates a signing identity; the fingerprint shown is what openssl prints', async () => {
    const side = outgoing;
    await byTestId(side, 'main-screen').waitFor({ timeout: 30_000 });
    await byTestId(side, 'btn-handover').click();
    await center(side).waitFor();
    // Without an identity, the export tab says so and leads to "Chữ ký số".
    await byTestId(side, 'export-no-identity').waitFor();
    await byTestId(side, 'export-no-identity').getByRole('button').click();
    expect(await byTestId(side, 'handover-tab-identity').getAttribute('aria-selected')).toBe('true');
    await byTestId(side, 'identity-none').waitFor();
    // Nothing typed yet: the form says what is missing instead of calling main.
    await byTestId(side, 'identity-create-submit').click();
    expect(await center(side).locator('.field-error').count()).toBe(4);

    await byTestId(side, 'identity-name').fill(OUTGOING.name);
    await byTestId(side, 'identity-title').fill(OUTGOING.title);
    await byTestId(side, 'identity-unit').fill(OUTGOING.unit);
    await byTestId(side, 'identity-email').fill(OUTGOING.email);
    await byTestId(side, 'identity-create-submit').click();
    await byTestId(side, 'identity-ready').waitFor({ timeout: 60_000 });
    expect(await byTestId(side, 'identity-card-name').textContent()).toBe(OUTGOING.name);
    expect(await byTestId(side, 'identity-card-title').textContent()).toBe(OUTGOING.title);
    expect(await byTestId(side, 'identity-card-unit').textContent()).toBe(OUTGOING.unit);

    const stored = await side.services.identity.current();
    expect(stored?.info.commonName).toBe(OUTGOING.name);
    outgoingFingerprint = stored?.info.sha256Fingerprint ?? '';
    const shown = await byTestId(side, 'identity-card-fingerprint').getAttribute('data-fingerprint');
    expect(shown).toBe(outgoingFingerprint);
    // Read aloud in 4 lines of 4 groups of 4 characters.
    const rows = byTestId(side, 'identity-card-fingerprint').locator('.fp-row');
    expect(await rows.count()).toBe(4);
    expect((await rows.first().locator('.fp-group').allTextContents()).join('')).toBe(
      outgoingFingerprint.replace(/:/g, '').slice(0, 16),
    );

    await shot(side, '40-identity');

    // Export the certificate through the save dialog, then ask openssl.
    const certFile = join(work, 'outgoing.pem');
    side.queue.save.push(certFile);
    await byTestId(side, 'identity-export-cert').click();
    await byTestId(side, 'identity-exported').waitFor();
    expect(readFileSync(certFile, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    expect(readFileSync(certFile, 'utf8')).not.toContain('PRIVATE KEY');
    expect(opensslFingerprint(certFile)).toBe(shown);
  });

  it('41 the incoming head imports a CA-issued .p12: a wrong password is a clear error and is not kept', async () => {
    const side = incoming;
    const p12 = makeIncomingP12();
    await byTestId(side, 'first-run-screen').waitFor({ timeout: 30_000 });
    await byTestId(side, 'first-run-identity').click();
    await center(side).waitFor();
    side.queue.file.push(p12);
    await byTestId(side, 'identity-import-pick').click();
    await expect.poll(() => byTestId(side, 'identity-import-file').textContent()).toBe('incoming.p12');

    await byTestId(side, 'identity-import-password').fill('sai-mat-khau');
    await byTestId(side, 'identity-import-submit').click();
    const error = byTestId(side, 'identity-import-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-code')).toBe('IDENTITY_INVALID');
    expect(await error.textContent()).toContain('sai mật khẩu');
    expect(await error.textContent()).not.toContain('sai-mat-khau');
    expect(await byTestId(side, 'identity-import-password').inputValue()).toBe('');
    await shot(side, '41-identity-p12-wrong-password');

    await byTestId(side, 'identity-import-password').fill(P12_PASSWORD);
    await byTestId(side, 'identity-import-submit').click();
    await byTestId(side, 'identity-ready').waitFor({ timeout: 30_000 });
    expect(await byTestId(side, 'identity-import-password').count()).toBe(0);
    expect(await byTestId(side, 'identity-card-name').textContent()).toBe(INCOMING_NAME);
    expect(await byTestId(side, 'identity-source').textContent()).toContain('Nhập từ tệp .p12/.pfx');
    expect(await center(side).locator('.cert-chain li').allTextContents()).toEqual(['CA Thử nghiệm Bình Phước']);
    incomingFingerprint = (await byTestId(side, 'identity-card-fingerprint').getAttribute('data-fingerprint')) ?? '';
    expect(incomingFingerprint).toBe(opensslFingerprint(join(work, 'incoming.pem')));

    incomingCertFile = join(work, 'incoming-cert.pem');
    side.queue.save.push(incomingCertFile);
    await byTestId(side, 'identity-export-cert').click();
    await byTestId(side, 'identity-exported').waitFor();
    expect(opensslFingerprint(incomingCertFile)).toBe(incomingFingerprint);
    await shot(side, '42-identity-imported');
  });

  it('43 exports the unit mailbox: recipient compared, progress events, a bag verifyBag finds valid', async () => {
    const side = outgoing;
    await byTestId(side, 'handover-tab-export').click();
    await byTestId(side, 'export-screen').waitFor();
    const accountId = side.services.accounts.list().find((a) => a.email === UNIT_EMAIL)?.id ?? '';
    await byTestId(side, 'export-account').selectOption(accountId);

    side.queue.file.push(incomingCertFile);
    await byTestId(side, 'export-pick-recipient').click();
    await byTestId(side, 'export-recipient').waitFor();
    expect(await byTestId(side, 'export-recipient-name').textContent()).toBe(INCOMING_NAME);
    expect(await byTestId(side, 'export-recipient-fingerprint').getAttribute('data-fingerprint')).toBe(
      incomingFingerprint,
    );
    await byTestId(side, 'export-witness').fill('Lê Thị Mai');
    await byTestId(side, 'export-place').fill('Đồng Xoài');
    const parent = join(work, 'out-unit');
    mkdirSync(parent);
    side.queue.dir.push(parent);
    await byTestId(side, 'export-pick-outdir').click();
    await expect.poll(() => byTestId(side, 'export-outdir').textContent()).toBe(parent);
    expect(await byTestId(side, 'export-bag-name').inputValue()).toMatch(/^ban-giao-vanphong-\d{8}$/);
    // The phone comparison is required before anything is sealed.
    expect(await byTestId(side, 'export-start').isDisabled()).toBe(true);
    await byTestId(side, 'export-confirm-fingerprint').check();
    await byTestId(side, 'export-tar').check();
    expect(await byTestId(side, 'export-start').isDisabled()).toBe(false);
    await shot(side, '43-export-form');

    await byTestId(side, 'export-start').click();
    await byTestId(side, 'export-done').waitFor({ timeout: 120_000 });
    expect(await byTestId(side, 'export-done-messages').getAttribute('data-value')).toBe('4');
    expect(await byTestId(side, 'export-done-password-note').textContent()).toContain('Trung tâm Công nghệ thông tin');
    const progress = side.bridge.events.filter((e) => e.event === 'handover.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => (e.payload as { job: string }).job === 'export')).toBe(true);
    expect(progress.some((e) => (e.payload as { phase: string }).phase === 'messages')).toBe(true);

    unitBag = bagIn(parent);
    expect(await byTestId(side, 'export-done-bag').textContent()).toBe(unitBag);
    expect(existsSync(`${unitBag}.tar`)).toBe(true);
    const report = await verifyBag(unitBag, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.counts.messages).toBe(4);
    expect(report.signature?.signerFingerprint).toBe(outgoingFingerprint);
    const tagmanifest = execFileSync('sha256sum', ['tagmanifest-sha256.txt'], { cwd: unitBag, encoding: 'utf8' });
    expect(await byTestId(side, 'export-done-tagmanifest').textContent()).toBe(tagmanifest.split(' ')[0]);
    await shot(side, '44-export-done');
  });

  it('44 Hủy stops a large export mid-way; "Tiếp tục" resumes it without downloading again', async () => {
    const side = outgoing;
    await byTestId(side, 'export-again').click();
    const accountId = side.services.accounts.list().find((a) => a.email === BIG_EMAIL)?.id ?? '';
    await byTestId(side, 'export-account').selectOption(accountId);
    // Recipient, its confirmation and the folder are kept from the last export.
    expect(await byTestId(side, 'export-confirm-fingerprint').isChecked()).toBe(true);
    const parent = join(work, 'out-big');
    mkdirSync(parent);
    side.queue.dir.push(parent);
    await byTestId(side, 'export-pick-outdir').click();
    await expect.poll(() => byTestId(side, 'export-outdir').textContent()).toBe(parent);
    await byTestId(side, 'export-tar').uncheck();
    const before = side.bridge.events.length;

    await byTestId(side, 'export-start').click();
    const bar = byTestId(side, 'export-progress');
    // Messages land in batches of a few hundred: cancel right after the first batches, far from the end.
    await expect
      .poll(async () => Number((await bar.getAttribute('data-done')) ?? 0), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(100);
    await shot(side, '45-export-progress', false);
    await byTestId(side, 'export-progress-cancel').click();
    await byTestId(side, 'export-cancelled').waitFor({ timeout: 60_000 });
    const seen = side.bridge.events
      .slice(before)
      .filter((e) => e.event === 'handover.progress')
      .map((e) => e.payload as { messagesDone: number; messagesTotal: number });
    const last = seen[seen.length - 1];
    expect(last?.messagesTotal).toBe(BIG_COUNT);
    expect(last?.messagesDone).toBeLessThan(BIG_COUNT);
    expect(await byTestId(side, 'export-cancelled').textContent()).toContain('Có thể tiếp tục');
    await shot(side, '46-export-cancelled');
    const bag = bagIn(parent);
    // Downloaded by UID into the working state; named by Mailbag-Message-ID only once all are in.
    const partial = listFiles(join(bag, '.export-state/eml')).filter((f) => f.endsWith('.eml')).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(BIG_COUNT);

    await byTestId(side, 'export-resume').click();
    await byTestId(side, 'export-done').waitFor({ timeout: 180_000 });
    expect(await byTestId(side, 'export-done-messages').getAttribute('data-value')).toBe(String(BIG_COUNT));
    const resumed = Number(
      await byTestId(side, 'export-done-resumed')
        .textContent()
        .then((t) => t?.replace(/\D/g, '')),
    );
    expect(resumed).toBeGreaterThan(0);
    expect(resumed).toBeLessThanOrEqual(partial);
    const report = await verifyBag(bag, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.counts.messages).toBe(BIG_COUNT);
  });

  it('45 Kiểm tra gói says "hợp lệ", authenticates the signer by the fingerprint typed in, and names the .eml after one byte in it is flipped', async () => {
    const side = incoming;
    await byTestId(side, 'handover-tab-verify').click();
    side.queue.dir.push(unitBag);
    await byTestId(side, 'verify-bag-dir').click();
    await expect.poll(() => byTestId(side, 'verify-bag-path').textContent()).toBe(unitBag);
    await byTestId(side, 'verify-start').click();
    const verdict = center(side).getByTestId('verify-screen').getByTestId('verify-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getAttribute('data-valid')).toBe('true');
    // No CA chosen: the signature holds but nothing vouches for the signer, so the verdict is not green.
    expect(await verdict.getAttribute('data-verdict')).toBe('warn');
    expect(await verdict.textContent()).toContain('người ký CHƯA được xác thực');
    const signature = center(side).getByTestId('verify-screen').getByTestId('verify-signature');
    expect(await signature.getAttribute('data-chain')).toBe('self-signed');
    expect(
      await center(side)
        .getByTestId('verify-screen')
        .getByTestId('verify-signer-fingerprint')
        .getAttribute('data-fingerprint'),
    ).toBe(outgoingFingerprint);
    await shot(side, '47-verify-valid');

    // The outgoing head's fingerprint, received another way, pins the signer. Typed as people copy
    // it (upper case, colons); a wrong one is refused as a signature problem; a malformed one
    // cannot be sent.
    const pinField = byTestId(side, 'verify-expect-signer');
    const hex = outgoingFingerprint.replace(/:/g, '').toLowerCase();
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    await pinField.fill('AB:CD');
    expect(await byTestId(side, 'verify-expect-signer-hint').textContent()).toContain('64 chữ số hex');
    expect(await byTestId(side, 'verify-start').isDisabled()).toBe(true);
    const wrong = hex.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await pinField.fill(wrong.toUpperCase().match(/../g)?.join(':') ?? '');
    await byTestId(side, 'verify-start').click();
    await expect.poll(() => verdict.getAttribute('data-valid'), { timeout: 60_000 }).toBe('false');
    const pinProblem = center(side).getByTestId('verify-problem').filter({ hasText: wrong });
    expect(await pinProblem.first().getAttribute('data-kind')).toBe('signature');
    await pinField.fill(hex.match(/.{4}/g)?.join(' ') ?? '');
    await byTestId(side, 'verify-start').click();
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 60_000 }).toBe('ok');
    expect(await verdict.getAttribute('data-authenticated-by')).toBe('pinned');
    expect(await verdict.textContent()).toContain('Gói bàn giao hợp lệ');
    expect(await signature.textContent()).toContain('trùng với dấu vân tay bạn đã nhập');
    await shot(side, '47-verify-pinned');
    await pinField.fill('');

    const tampered = join(work, 'tampered', 'ban-giao');
    cpSync(unitBag, tampered, { recursive: true });
    const eml = listFiles(tampered)
      .filter((f) => f.startsWith('data/eml/') && f.endsWith('.eml'))
      .sort()[0] as string;
    const bytes = readFileSync(join(tampered, eml));
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0x01;
    writeFileSync(join(tampered, eml), bytes);

    side.queue.dir.push(tampered);
    await byTestId(side, 'verify-bag-dir').click();
    await expect.poll(() => byTestId(side, 'verify-bag-path').textContent()).toBe(tampered);
    await byTestId(side, 'verify-start').click();
    await expect.poll(() => verdict.getAttribute('data-valid'), { timeout: 60_000 }).toBe('false');
    expect(await verdict.textContent()).toContain('KHÔNG hợp lệ');
    const problems = center(side).getByTestId('verify-problem');
    const files = await problems.evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    expect(files).toContain(eml);
    const named = problems.filter({ hasText: eml }).first();
    expect(await named.getAttribute('data-kind')).toBe('hash-mismatch');
    await shot(side, '48-verify-tampered');

    // The same verdict in English, through the app's language switch.
    await center(side).getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => verdict.textContent()).toContain('The handover package is NOT valid');
    await center(side).getByTestId('lang-switch').selectOption('vi');
    await expect.poll(() => verdict.textContent()).toContain('KHÔNG hợp lệ');
  });

  it('46 the incoming head accepts: account in the app, per-folder comparison, missing message restored', async () => {
    const side = incoming;
    // Since the handover: one message deleted on the server, one new one arrived.
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const gone: number[] = [];
      for await (const m of imap.fetch('1:*', { uid: true, envelope: true }))
        if (m.envelope?.subject === HOA_TOC) gone.push(m.uid);
      expect(gone).toHaveLength(1);
      await imap.messageDelete(gone, { uid: true });
    } finally {
      lock.release();
    }
    await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive(AFTER, 'Thư mới.', 'sotc@binhphuoc.gov.vn'));
    expect(await subjectsOnServer('INBOX')).not.toContain(HOA_TOC);

    await byTestId(side, 'handover-tab-accept').click();
    side.queue.dir.push(unitBag);
    await byTestId(side, 'accept-bag-dir').click();
    await expect.poll(() => byTestId(side, 'accept-bag-path').textContent()).toBe(unitBag);
    // The fingerprint read out by the outgoing head pins the signer here too: another one refuses
    // the package before anything is accepted.
    const pin = byTestId(side, 'accept-expect-signer');
    await pin.fill(outgoingFingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    await byTestId(side, 'accept-verify').click();
    await byTestId(side, 'accept-refused').waitFor({ timeout: 60_000 });
    expect(await byTestId(side, 'accept-submit').count()).toBe(0);
    await pin.fill(outgoingFingerprint);
    await byTestId(side, 'accept-verify').click();
    const report = byTestId(side, 'accept-report');
    await expect.poll(() => report.getAttribute('data-valid'), { timeout: 60_000 }).toBe('true');
    expect(await report.getByTestId('verify-verdict').getAttribute('data-authenticated-by')).toBe('pinned');
    await byTestId(side, 'accept-email').fill(UNIT_EMAIL);
    await byTestId(side, 'accept-submit').click();
    await byTestId(side, 'accept-done').waitFor({ timeout: 120_000 });
    expect(await byTestId(side, 'accept-done').textContent()).toContain(UNIT_EMAIL);

    // The account is in the incoming head's app, its password in the keychain.
    expect(side.services.accounts.list().map((a) => a.email)).toEqual([UNIT_EMAIL]);
    expect(await keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(UNIT_PASSWORD);
    const reminders = await byTestId(side, 'accept-reminder').allTextContents();
    expect(reminders.some((r) => r.includes('Trung tâm Công nghệ thông tin') && r.includes('mật khẩu'))).toBe(true);
    expect(reminders.some((r) => r.includes('ủy quyền'))).toBe(true);
    expect((await byTestId(side, 'accept-receipt-file').allTextContents()).some((f) => f.includes('acceptance'))).toBe(
      true,
    );

    const inbox = byTestId(side, 'comparison-row').and(side.page.locator('[data-folder="INBOX"]'));
    expect(await inbox.getAttribute('data-missing')).toBe('1');
    expect(await inbox.getAttribute('data-added')).toBe('1');
    const done = byTestId(side, 'comparison-row').and(side.page.locator('[data-folder="Chỉ đạo/Đã xử lý"]'));
    expect(await done.getAttribute('data-missing')).toBe('0');
    // Which message is missing, read from the package: its subject, decoded, with "1 / 1".
    await inbox.getByTestId('comparison-show').and(side.page.locator('[data-kind="missing"]')).click();
    const missing = byTestId(side, 'comparison-messages');
    await expect.poll(() => missing.getByTestId('comparison-message').allTextContents()).toHaveLength(1);
    expect(await missing.getByTestId('comparison-message').textContent()).toContain(HOA_TOC);
    expect(await missing.getByTestId('comparison-messages-count').textContent()).toContain('1 / 1');
    await shot(side, '49-accept-comparison');

    await byTestId(side, 'accept-restore').click();
    await byTestId(side, 'accept-restored').waitFor({ timeout: 60_000 });
    expect(await byTestId(side, 'accept-restored').textContent()).toContain('Đã khôi phục 1 thư');
    await expect.poll(() => inbox.getAttribute('data-missing')).toBe('0');
    // The new comparison names other messages: the list of the old one is closed.
    expect(await byTestId(side, 'comparison-messages').count()).toBe(0);
    await expect.poll(() => subjectsOnServer('INBOX'), { timeout: 15_000 }).toContain(HOA_TOC);
    await shot(side, '4a-accept-restored');

    // Behind the window, the first-run screen gave way to the mailbox.
    await byTestId(side, 'handover-close').click();
    await byTestId(side, 'main-screen').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => byTestId(side, 'message-list').getByTestId('message-subject').allTextContents(), { timeout: 60_000 })
      .toContain(HOA_TOC);
    await shot(side, '4d-accepted-mailbox');
    expect(outgoing.errors).toEqual([]);
    expect(incoming.errors).toEqual([]);
  });
});
