// Directives on real Dovecot: synced mail is classified by the official signs (invitations apart,
// X-Priority alone is no alarm, a mark in the document's header area counts once the body is
// cached), and a change of the rules — the leadership list in the settings, or a cache classified
// by an older version of the rules — re-classifies what is already cached, in the background.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { DAY_MS, ManualClock } from '../../electron/services/clock/clock.ts';
import type { CachedSummary } from '../../shared/mail.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { draftFor } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const UNIT: StackUser = { email: 'vpchidao@binhphuoc.gov.vn', password: 'ChiDao#Rules26!' };
const CHAIRMAN = 'chutich.tanlap@gmail.com';
const SENT = Date.UTC(2026, 10, 2, 1, 0, 0);
const clock = new ManualClock(SENT + 5 * DAY_MS);

function mail(n: number, from: string, subject: string, body: string, extra: string[] = []): string {
  return [
    `From: ${from}`,
    `To: ${UNIT.email}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Date: ${new Date(SENT + n * 60_000).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <rules-${n}@binhphuoc.gov.vn>`,
    ...extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ].join('\r\n');
}

const MESSAGES = [
  mail(1, 'vanphong@binhphuoc.gov.vn', 'KHẨN: Công văn 12/UBND-VX V/v báo cáo thiệt hại', 'Kính gửi: các đơn vị.'),
  mail(2, 'bantin@vnexpress.net', 'Bản tin sáng: những tin chính', 'Tin tức.', ['X-Priority: 1 (Highest)']),
  mail(3, 'vanphong@binhphuoc.gov.vn', 'Giấy mời họp giao ban tháng 11', 'Kính mời lãnh đạo đơn vị dự họp.'),
  mail(4, CHAIRMAN, 'Chuẩn bị số liệu cho buổi làm việc sáng mai', 'Anh chuẩn bị giúp.'),
  mail(5, 'hoant.snv@binhphuoc.gov.vn', 'Anh khẩn trương gửi giúp em file nhé', 'Cảm ơn anh.', ['Importance: High']),
  mail(
    6,
    'vanthu.syt@binhphuoc.gov.vn',
    'Công văn 88/SYT-NVY V/v phòng chống dịch',
    ['SỞ Y TẾ', 'Số: 88/SYT-NVY', 'HỎA TỐC', 'V/v phòng chống dịch', 'Kính gửi: các đơn vị'].join('\r\n'),
  ),
];

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let services: AppServices;
let accountId: string;
const secrets = new MemorySecretStore();

function open(): AppServices {
  return createAppServices({
    clock,
    profileDir: profile.dir,
    secrets,
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'test',
    platform: process.platform,
    syncWorkerUrl: new URL('../../electron/services/sync/sync-worker.ts', import.meta.url),
  });
}
const bySubject = (rows: CachedSummary[]) => new Map(rows.map((r) => [r.subject, r]));
const inbox = () => bySubject(services.caches.get(accountId).list({ folder: 'INBOX', limit: 100 }).rows);
const directiveSubjects = () =>
  services.caches
    .get(accountId)
    .directives()
    .map((d) => d.subject)
    .sort();

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT] });
  for (const m of MESSAGES) await stack.appendMessage(UNIT.email, 'INBOX', m);
  profile = tempDir('um-directives-');
  services = open();
  accountId = (await services.accounts.add(draftFor(stack, UNIT.email), UNIT.password)).id;
  await services.sync.start(accountId);
}, 180_000);

afterAll(async () => {
  await services?.dispose();
  await stack?.stop();
  profile?.cleanup();
});

describe('directives on synced mail (real Dovecot)', { timeout: 120_000 }, () => {
  it('are classified by the official signs only', async () => {
    await services.caches.directivesCurrent(accountId);
    const rows = inbox();
    expect(rows.size).toBe(MESSAGES.length);
    expect(rows.get('KHẨN: Công văn 12/UBND-VX V/v báo cáo thiệt hại')).toMatchObject({
      isDirective: true,
      directiveKind: 'directive',
      urgency: 1,
    });
    // X-Priority 1 alone raises no alarm; Giấy mời is its own kind; "khẩn trương" is not a mark.
    expect(rows.get('Bản tin sáng: những tin chính')).toMatchObject({ isDirective: false, urgency: 0 });
    expect(rows.get('Giấy mời họp giao ban tháng 11')).toMatchObject({
      isDirective: false,
      directiveKind: 'invitation',
    });
    expect(rows.get('Anh khẩn trương gửi giúp em file nhé')).toMatchObject({ directiveKind: null, urgency: 0 });
    // The body is in the offline window: the HỎA TỐC line of the document's header area counts.
    expect(rows.get('Công văn 88/SYT-NVY V/v phòng chống dịch')).toMatchObject({ isDirective: true, urgency: 3 });
    expect(directiveSubjects()).toEqual([
      'Công văn 88/SYT-NVY V/v phòng chống dịch',
      'KHẨN: Công văn 12/UBND-VX V/v báo cáo thiệt hại',
    ]);
  });

  it('a change of the leadership list re-classifies the cached mail in the background, with a count', async () => {
    const changed: string[][] = [];
    const off = services.events.on('cache.changed', (e) => changed.push(e.folders));
    services.settings.updatePreferences({ directiveLeadership: [CHAIRMAN] });
    const result = await services.caches.directivesCurrent(accountId);
    off();
    expect(result).toEqual({ checked: MESSAGES.length, changed: 1, directives: 3 });
    expect(changed.some((folders) => folders.includes('INBOX'))).toBe(true);
    expect(inbox().get('Chuẩn bị số liệu cho buổi làm việc sáng mai')).toMatchObject({
      isDirective: true,
      directiveKind: 'directive',
    });
    // The same rules again: no new pass.
    expect(await services.caches.directivesCurrent(accountId)).toBe(result);
    services.settings.updatePreferences({ directiveLeadership: [] });
    expect(await services.caches.directivesCurrent(accountId)).toMatchObject({ changed: 1, directives: 2 });
  });

  it('a cache classified by older rules (every X-Priority 1 a Khẩn) is corrected when opened', async () => {
    await services.dispose();
    // What the old rules had left in the cache: the newsletter marked Khẩn, the invitation a directive.
    const db = new DatabaseSync(services.caches.fileFor(accountId));
    db.exec(
      `UPDATE messages SET is_directive = 1, urgency = 1, directive_kind = NULL WHERE subject LIKE 'Bản tin%';
       UPDATE messages SET is_directive = 1, directive_kind = NULL WHERE subject LIKE 'Giấy mời%';
       UPDATE directive_state SET fingerprint = 'classifier v1'`,
    );
    db.close();
    services = open();
    const result = await services.caches.directivesCurrent(accountId);
    expect(result).toMatchObject({ checked: MESSAGES.length, changed: 2, directives: 2 });
    expect(inbox().get('Bản tin sáng: những tin chính')).toMatchObject({ isDirective: false, urgency: 0 });
    expect(inbox().get('Giấy mời họp giao ban tháng 11')).toMatchObject({ directiveKind: 'invitation' });
  });
});
