// Saving an attachment through the real handler (message in the real Dovecot): the file lands
// where the save dialog said, with the freedesktop origin attributes Linux file managers read.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import type { Envelope } from '../../shared/contract.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { draftFor, withAttachment } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const EMAIL = 'luutep.nguongoc@binhphuoc.gov.vn';
let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let out: { dir: string; cleanup: () => void };
let services: AppServices;
let dispatch: Dispatcher;
let accountId: string;

function ok<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.detail}`);
  return envelope.value as T;
}

beforeAll(async () => {
  stack = await startMailStack({ users: [{ email: EMAIL, password: 'LuuTep#2027!' }] });
  await stack.appendMessage(EMAIL, 'INBOX', withAttachment('Công văn có tệp'));
  profile = tempDir('um-origin-profile-');
  out = tempDir('um-origin-out-');
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs({ saveFile: async (name) => join(out.dir, name) }),
    openExternal: async () => {},
    appVersion: 'test',
    platform: 'linux',
  });
  dispatch = createDispatcher(services);
  accountId = ok<{ id: string }>(
    await dispatch('accounts.add', { draft: draftFor(stack, EMAIL), password: 'LuuTep#2027!' }),
  ).id;
});

afterAll(async () => {
  await services?.dispose();
  await stack?.stop();
  profile?.cleanup();
  out?.cleanup();
});

describe('saved attachments carry their origin', () => {
  it('marks the saved file with the message IMAP URL and the sender', async () => {
    const list = ok<Array<{ uid: number }>>(await dispatch('mail.messages', { accountId, folder: 'INBOX', limit: 10 }));
    const uid = list[0]!.uid;
    const saved = ok<{ saved: boolean; path: string }>(
      await dispatch('attachments.save', { accountId, folder: 'INBOX', uid, index: 0 }),
    );
    expect(saved).toEqual({ saved: true, path: join(out.dir, 'cong-van-123.pdf') });
    expect(readFileSync(saved.path).subarray(0, 5).toString()).toBe('%PDF-');
    const attr = (name: string) => execFileSync('getfattr', ['--only-values', '-n', name, saved.path]).toString('utf8');
    expect(attr('user.xdg.origin.url')).toBe(`imap://${stack.host}:${stack.imapPort}/INBOX/;UID=${uid}`);
    expect(attr('user.xdg.referrer.url')).toBe('mailto:so-tttt@binhphuoc.gov.vn');
  });
});
