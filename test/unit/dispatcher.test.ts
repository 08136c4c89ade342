import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices } from '../../electron/services/app-services.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const opened: string[] = [];
  const services = createAppServices({
    clock: systemClock,
    profileDir: dir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async (url) => void opened.push(url),
    appVersion: '0.0.0-test',
    platform: 'linux',
  });
  return { dispatch: createDispatcher(services), opened, dir };
}

describe('dispatcher', () => {
  it('answers a valid call with ok', async () => {
    const { dispatch, dir } = setup();
    expect(await dispatch('app.info', {})).toEqual({
      ok: true,
      value: { version: '0.0.0-test', platform: 'linux', profileDir: dir },
    });
    expect(await dispatch('accounts.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses unknown channels and invalid payloads with a typed VALIDATION error', async () => {
    const { dispatch } = setup();
    const unknown = await dispatch('shell.exec', { cmd: 'rm -rf /' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bad = await dispatch('mail.message', { accountId: 'x', folder: 'INBOX', uid: 'one' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.detail).toContain('uid');
  });

  it('opens only http, https and mailto links', async () => {
    const { dispatch, opened } = setup();
    expect(await dispatch('links.open', { url: 'https://binhphuoc.gov.vn/vb' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(await dispatch('links.open', { url: 'mailto:vanphong@binhphuoc.gov.vn' })).toMatchObject({ ok: true });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:foo', 'not a url']) {
      expect(await dispatch('links.open', { url }), url).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(opened).toEqual(['https://binhphuoc.gov.vn/vb', 'mailto:vanphong@binhphuoc.gov.vn']);
  });

  it('keeps preferences in the profile and validates them', async () => {
    const { dispatch } = setup();
    expect(await dispatch('preferences.get', {})).toEqual({
      ok: true,
      value: {
        language: 'vi',
        officialDomains: ['binhphuoc.gov.vn'],
        offlineBodyDays: 30,
        directiveLeadership: [],
        directiveSubjectPatterns: [],
        sendUndoSeconds: 10,
        receiptPolicy: 'ask',
        ledgerAutoRegister: 'directives',
        ledgerDeadlineDays: { 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, thuong: 7 },
      },
    });
    expect(await dispatch('preferences.update', { language: 'en' })).toMatchObject({
      ok: true,
      value: { language: 'en' },
    });
    expect(await dispatch('preferences.update', { language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await dispatch('preferences.get', {})).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it('changes only the preferences a patch names', async () => {
    const { dispatch } = setup();
    await dispatch('preferences.update', {
      officialDomains: ['binhphuoc.gov.vn', 'dongnai.gov.vn'],
      offlineBodyDays: 90,
      directiveLeadership: ['chutich@binhphuoc.gov.vn'],
    });
    expect(await dispatch('preferences.update', { language: 'en' })).toEqual({
      ok: true,
      value: {
        language: 'en',
        officialDomains: ['binhphuoc.gov.vn', 'dongnai.gov.vn'],
        offlineBodyDays: 90,
        directiveLeadership: ['chutich@binhphuoc.gov.vn'],
        directiveSubjectPatterns: [],
        sendUndoSeconds: 10,
        receiptPolicy: 'ask',
        ledgerAutoRegister: 'directives',
        ledgerDeadlineDays: { 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, thuong: 7 },
      },
    });
  });

  it('rejects a free-mail unit mailbox before touching the network or keychain', async () => {
    const { dispatch } = setup();
    const result = await dispatch('accounts.add', {
      draft: {
        kind: 'unit',
        email: 'donvi@gmail.com',
        imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
        smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
      },
      password: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FREEMAIL_FORBIDDEN' } });
  });

  it('requires explicit consent for plaintext', async () => {
    const { dispatch } = setup();
    const draft = {
      email: 'vanphong@binhphuoc.gov.vn',
      imap: { host: '127.0.0.1', port: 1, security: 'none' },
      smtp: { host: '127.0.0.1', port: 1, security: 'starttls' },
    };
    expect(await dispatch('accounts.test', { draft, password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INSECURE_NOT_CONFIRMED' },
    });
  });
});

describe('AppError across a thread boundary', () => {
  it('comes back from its payload with code, Vietnamese message, detail and data', () => {
    const sent = new AppError('PACKAGE_INVALID', 'the package does not verify', {
      messageVi: 'Gói bàn giao không hợp lệ.',
      data: { problems: 3 },
    });
    const back = AppError.fromPayload(structuredClone(sent.toPayload()));
    expect(back).toBeInstanceOf(AppError);
    expect(back.toPayload()).toEqual({
      code: 'PACKAGE_INVALID',
      messageVi: 'Gói bàn giao không hợp lệ.',
      detail: 'the package does not verify',
      data: { problems: 3 },
    });
  });
});
