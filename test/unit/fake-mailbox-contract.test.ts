// The UI tests' FakeMailbox answers through the real dispatcher machinery: the same zod schemas
// refuse what the real dispatcher refuses, defaults are applied the same way, errors are the same
// typed envelopes. (Its results are held to the contract by the type checker: HandlersFor.)
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from '../ui/fake-mailbox.ts';

function fakeWith(overrides: ConstructorParameters<typeof FakeMailbox>[0]['overrides'] = {}) {
  const account = fakeAccount();
  const fake = new FakeMailbox({
    account,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' }), folderInfo('Trash', { specialUse: '\\Trash' })],
    messages: [1, 2, 3].map((uid) => cached('INBOX', uid, `Thư ${uid}`)),
    overrides,
  });
  return { fake, accountId: account.id };
}

describe('the UI test fake', () => {
  it('answers a valid call, with the schema defaults applied', async () => {
    const { fake, accountId } = fakeWith();
    // No sort, offset or limit: the schema's defaults (date, newest first, 0, 200) reach the handler.
    const page = await fake.dispatch('cache.list', { accountId, folder: 'INBOX' });
    expect(page).toMatchObject({ ok: true, value: { total: 3, offset: 0 } });
    if (page.ok) expect((page.value as { rows: Array<{ uid: number }> }).rows.map((r) => r.uid)).toEqual([3, 2, 1]);
    expect(fake.refused).toEqual([]);
  });

  it('refuses what the contract refuses, as VALIDATION, and records it', async () => {
    const { fake, accountId } = fakeWith();
    expect(await fake.dispatch('cache.list', { accountId, folder: 'INBOX', limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await fake.dispatch('mail.message', { accountId, folder: 'INBOX', uid: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await fake.dispatch('shell.exec', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fake.refused.map((r) => r.channel)).toEqual(['cache.list', 'mail.message', 'shell.exec']);
    expect(fake.refused[0]?.detail).toContain('limit');
  });

  it('answers a channel it does not serve with INTERNAL, not a made-up value', async () => {
    const { fake } = fakeWith();
    expect(await fake.dispatch('accounts.autoconfig', { email: 'vanphong@binhphuoc.gov.vn' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(fake.refused).toEqual([]);
  });

  it('sends handler errors as typed envelopes with the Vietnamese message', async () => {
    const { fake, accountId } = fakeWith();
    const missing = await fake.dispatch('mail.message', { accountId, folder: 'INBOX', uid: 99 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'MESSAGE_NOT_FOUND' } });
    if (!missing.ok) expect(missing.error.messageVi).not.toBe('');
  });

  it('lets a test override a handler and still reach the fake one', async () => {
    const seen: number[][] = [];
    const { fake, accountId } = fakeWith({
      'mail.setFlags': async (input, own) => {
        seen.push(input.uids);
        return own();
      },
      'accounts.autoconfig': () => {
        throw new AppError('AUTOCONFIG_NOT_FOUND', 'no autoconfig in this test');
      },
    });
    expect(await fake.dispatch('mail.setFlags', { accountId, folder: 'INBOX', uids: [2], add: ['\\Seen'] })).toEqual({
      ok: true,
      value: { updated: 1 },
    });
    expect(seen).toEqual([[2]]);
    expect(fake.messages.find((m) => m.uid === 2)?.flags).toEqual(['\\Seen']);
    expect(await fake.dispatch('accounts.autoconfig', { email: 'a@binhphuoc.gov.vn' })).toMatchObject({
      ok: false,
      error: { code: 'AUTOCONFIG_NOT_FOUND' },
    });
  });
});
