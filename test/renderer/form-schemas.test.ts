// The forms are judged by the contract's own input schemas: each problem lands on the field it
// concerns with a key of the one 'validation' catalogue group, and a valid form parses into the
// input the call takes.
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/account.ts';
import type { CertificateView } from '../../shared/contract-handover.ts';
import type { FolderAcl } from '../../shared/delegation.ts';
import { accountFormSchema } from '../../renderer/src/firstrun/accountSchema.ts';
import { formValuesFromAccount, initialFormValues, type AccountFormValues } from '../../renderer/src/firstrun/draft.ts';
import { grantFormSchema, initialGrantValues, type GrantValues } from '../../renderer/src/delegation/grantSchema.ts';
import { exportFormSchema, INITIAL_EXPORT, type ExportValues } from '../../renderer/src/handover/exportSchema.ts';
import { SILENT, messageKeyOf } from '../../renderer/src/forms/issues.ts';

/** Field → message key, the first problem of each field (as react-hook-form shows them). */
function problems(result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
}

const filled: AccountFormValues = {
  ...initialFormValues(),
  email: ' VanPhong@BinhPhuoc.gov.vn ',
  password: 'mat-khau',
  imap: { host: 'mail.binhphuoc.gov.vn', port: '993', security: 'tls' },
  smtp: { host: 'mail.binhphuoc.gov.vn', port: '587', security: 'starttls' },
};

describe('one mapping from zod issues to catalogue keys', () => {
  it('says what is missing, what is wrong by field, and keeps a form check its own key', () => {
    expect(messageKeyOf({ code: 'invalid_type', path: ['draft', 'email'], message: '' })).toBe('required');
    expect(messageKeyOf({ code: 'too_small', origin: 'string', path: ['name'], message: '' })).toBe('required');
    expect(messageKeyOf({ code: 'invalid_format', path: ['draft', 'email'], message: 'invalid e-mail address' })).toBe(
      'email',
    );
    expect(messageKeyOf({ code: 'invalid_type', path: ['imap', 'port'], message: '' })).toBe('port');
    expect(messageKeyOf({ code: 'too_small', origin: 'array', path: ['scope'], message: '' })).toBe('chooseFolder');
    expect(messageKeyOf({ code: 'custom', path: ['delegate'], message: 'delegateSelf' })).toBe('delegateSelf');
    expect(messageKeyOf({ code: 'invalid_value', path: ['role'], message: 'x' })).toBe('invalid');
  });
});

describe('account form', () => {
  const schema = accountFormSchema(undefined);

  it('names each missing field and a port out of range, as accounts.add would refuse them', () => {
    const empty = { ...initialFormValues(), smtp: { host: ' ', port: '70000', security: 'starttls' as const } };
    expect(problems(schema.safeParse(empty))).toEqual({
      email: 'required',
      password: 'required',
      'imap.host': 'required',
      'smtp.host': 'required',
      'smtp.port': 'port',
    });
    expect(problems(schema.safeParse({ ...filled, email: 'vanphong@' }))).toEqual({ email: 'email' });
    expect(problems(schema.safeParse({ ...filled, imap: { ...filled.imap, host: 'mail server' } }))).toEqual({
      'imap.host': 'host',
    });
  });

  it('asks for consent to a server without encryption', () => {
    const plain = { ...filled, smtp: { ...filled.smtp, security: 'none' as const, port: '25' } };
    expect(problems(schema.safeParse(plain))).toEqual({ allowInsecure: 'insecureConsent' });
    expect(schema.safeParse({ ...plain, allowInsecure: true }).data?.draft.allowInsecure).toBe(true);
  });

  it('parses a filled form into the draft and password the call takes', () => {
    expect(schema.safeParse(filled).data).toEqual({
      draft: {
        kind: 'unit',
        displayName: '',
        email: 'vanphong@binhphuoc.gov.vn',
        imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
        smtp: { host: 'mail.binhphuoc.gov.vn', port: 587, security: 'starttls' },
        allowInsecure: false,
      },
      password: 'mat-khau',
    });
  });

  it('keeps the stored password of an account being edited when none is typed', () => {
    const account: AccountSummary = {
      id: 'a1',
      kind: 'unit',
      displayName: 'Văn phòng',
      email: 'vanphong@binhphuoc.gov.vn',
      username: 'vanphong@binhphuoc.gov.vn',
      imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
      smtp: { host: 'mail.binhphuoc.gov.vn', port: 587, security: 'starttls' },
      hasCustomCa: true,
      insecure: false,
    };
    const parsed = accountFormSchema(account).safeParse({ ...formValuesFromAccount(account), storedCa: 'remove' });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.password).toBeUndefined();
    expect(parsed.data?.draft.caPem).toBe('');
  });
});

describe('grant form', () => {
  const folder = (path: string): FolderAcl => ({
    path,
    name: path,
    myRights: 'lrswipkxtea',
    myRightsWords: [],
    entries: [],
  });
  const context = {
    mailbox: 'vanphong@binhphuoc.gov.vn',
    domains: ['binhphuoc.gov.vn'],
    folders: [folder('INBOX'), folder('Đã xử lý'), folder('Trash')],
  };
  const schema = grantFormSchema(context);
  const base: GrantValues = { ...initialGrantValues(null, '2026-12-06'), delegate: 'canbo1@binhphuoc.gov.vn' };

  it('refuses an address off the official domains, or the mailbox itself', () => {
    expect(problems(schema.safeParse({ ...base, delegate: 'canbo1@yahoo.com' }))).toEqual({
      delegate: 'delegateNotOfficial',
    });
    expect(problems(schema.safeParse({ ...base, delegate: 'VanPhong@binhphuoc.gov.vn' }))).toEqual({
      delegate: 'delegateSelf',
    });
    expect(problems(schema.safeParse({ ...base, delegate: 'canbo1' }))).toEqual({ delegate: 'email' });
  });

  it('names letters that are not rights, and wants the administer right confirmed', () => {
    expect(problems(schema.safeParse({ ...base, role: 'custom', letters: 'lr9' }))).toEqual({ letters: 'rights' });
    expect(problems(schema.safeParse({ ...base, role: 'custom', letters: '' }))).toEqual({ letters: SILENT });
    expect(problems(schema.safeParse({ ...base, role: 'custom', letters: 'lra' }))).toEqual({ allowAdmin: SILENT });
    expect(schema.safeParse({ ...base, role: 'custom', letters: 'arl', allowAdmin: true }).data).toMatchObject({
      role: 'custom',
      rights: 'lra',
      allowAdmin: true,
    });
  });

  it('wants a folder for a scope of some folders, and sends them in the server order', () => {
    expect(problems(schema.safeParse({ ...base, scope: 'some', folders: [] }))).toEqual({ folders: 'chooseFolder' });
    expect(schema.safeParse({ ...base, scope: 'some', folders: ['Trash', 'INBOX'] }).data).toMatchObject({
      delegate: 'canbo1@binhphuoc.gov.vn',
      role: 'xem',
      scope: ['INBOX', 'Trash'],
      validUntil: null,
    });
  });
});

describe('export wizard', () => {
  const account = { id: 'u1', kind: 'unit', email: 'vanphong@binhphuoc.gov.vn' } as AccountSummary;
  const schema = exportFormSchema(() => account);
  const info = { canEncrypt: true, sha256Fingerprint: 'AB:'.repeat(31) + 'AB', commonName: 'Lê Văn B' };
  const ready: ExportValues = {
    ...INITIAL_EXPORT,
    recipient: { path: '/tmp/b.pem', info: info as CertificateView },
    confirmed: true,
    outDir: '/tmp/out',
  };

  it('is ready with a compared recipient and a place, and names the bag after the mailbox', () => {
    expect(schema.safeParse(ready).data).toMatchObject({
      accountId: 'u1',
      recipientCertificate: '/tmp/b.pem',
      outDir: '/tmp/out',
      bagName: expect.stringMatching(/^ban-giao-vanphong-\d{8}$/),
      tar: false,
    });
  });

  it('refuses a bag name the contract refuses, an unconfirmed or unsealable recipient', () => {
    expect(problems(schema.safeParse({ ...ready, bagName: 'bàn giao' }))).toEqual({ bagName: 'bagName' });
    expect(problems(schema.safeParse({ ...ready, bagName: 'goi.tar' }))).toEqual({ bagName: 'bagName' });
    expect(problems(schema.safeParse({ ...ready, confirmed: false }))).toEqual({ confirmed: SILENT });
    const signOnly = { path: '/tmp/b.pem', info: { ...info, canEncrypt: false } as CertificateView };
    expect(problems(schema.safeParse({ ...ready, recipient: signOnly }))).toEqual({ recipient: SILENT });
    expect(problems(schema.safeParse({ ...ready, recipient: null, outDir: null }))).toEqual({
      recipient: 'required',
      outDir: 'required',
    });
  });
});
