import { ImapFlow } from 'imapflow';
import type { AccountDraft } from '../../shared/account.ts';
import type { MailStack } from '../stack/mail-stack.ts';

export const UNIT_EMAIL = 'vanphong@binhphuoc.gov.vn';
export const UNIT_FOLDERS = ['Chỉ đạo', 'Đã xử lý', 'Hồ sơ & Lưu trữ', 'Đã xử lý/2026'];

export function passwordOf(stack: MailStack, email: string): string {
  const user = stack.users.find((u) => u.email === email);
  if (!user) throw new Error(`no stack user ${email}`);
  return user.password;
}

/** An account draft for a stack user; STARTTLS on IMAP and submission, trusting the stack's CA. */
export function draftFor(stack: MailStack, email = UNIT_EMAIL, overrides: Partial<AccountDraft> = {}): AccountDraft {
  return {
    kind: 'unit',
    displayName: 'Văn phòng UBND tỉnh',
    email,
    imap: { host: stack.host, port: stack.imapPort, security: 'starttls' },
    smtp: { host: stack.host, port: stack.submissionPort, security: 'starttls' },
    caPem: stack.caPem,
    ...overrides,
  };
}

export const directive = (
  subject: string,
  body: string,
  from = 'lanhdao@binhphuoc.gov.vn',
  date = 'Mon, 23 Nov 2026 08:00:00 +0700',
) =>
  [
    `From: =?UTF-8?B?${Buffer.from('Lãnh đạo UBND tỉnh').toString('base64')}?= <${from}>`,
    `To: ${UNIT_EMAIL}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Date: ${date}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@binhphuoc.gov.vn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');

export const withAttachment = (subject: string) =>
  [
    `From: so-tttt@binhphuoc.gov.vn`,
    `To: ${UNIT_EMAIL}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Date: Tue, 24 Nov 2026 09:30:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Kính gửi Văn phòng, xem <b>tệp đính kèm</b>.</p><img src="http://127.0.0.1:9/track.png">',
    '--b1',
    'Content-Type: application/pdf; name="cong-van-123.pdf"',
    'Content-Disposition: attachment; filename="cong-van-123.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK',
    '--b1--',
    '',
  ].join('\r\n');

/** A second, independent IMAP client of a stack user ("another client" in sync tests), connected. */
export async function connectOther(stack: MailStack, email = UNIT_EMAIL): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: stack.host,
    port: stack.imapsPort,
    secure: true,
    tls: { ca: [stack.caPem] },
    auth: { user: email, pass: passwordOf(stack, email) },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}
