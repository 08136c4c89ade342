// mail.remoteImages through the real dispatcher, messages in the real Dovecot: only URLs of the
// message named by folder and UID are fetched; an automatic load ("always allow this sender")
// happens only when the user's server authenticated the From domain; a forged From is asked again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { publicOnlyPolicy } from '../../electron/services/net/address-policy.ts';
import { SafeFetcher } from '../../electron/services/net/safe-fetch.ts';
import type { Envelope } from '../../shared/contract.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { draftFor } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const EMAIL = 'anhtuxa.kiemtra@binhphuoc.gov.vn';
const PASSWORD = 'AnhTuXa#2027!';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);
let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let services: AppServices;
let dispatch: Dispatcher;
let accountId: string;
let server: Server;
let port: number;
const seen: string[] = [];
const uidBySubject = new Map<string, number>();

const image = (name: string) => `http://anh.binhphuoc.gov.vn:${port}/${name}.png`;

function mail(subject: string, headers: string[], img: string): string {
  return [
    ...headers,
    'From: "Sở TT&TT" <so-tttt@binhphuoc.gov.vn>',
    `To: ${EMAIL}`,
    `Subject: ${subject}`,
    'Date: Tue, 24 Nov 2026 09:30:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>${subject}</p><img src="${img}">`,
    '',
  ].join('\r\n');
}

function ok<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.detail}`);
  return envelope.value as T;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  port = (server.address() as AddressInfo).port;
  stack = await startMailStack({ users: [{ email: EMAIL, password: PASSWORD }] });
  const ar = (value: string) => `Authentication-Results: ${value}`;
  await stack.appendMessage(EMAIL, 'INBOX', mail('forged', [], image('forged')));
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    mail('signed-by-server', [ar(`${stack.host}; dkim=pass header.d=binhphuoc.gov.vn`)], image('good')),
  );
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    mail(
      'forged-below',
      [ar('relay.evil.example; none'), ar(`${stack.host}; dkim=pass header.d=binhphuoc.gov.vn`)],
      image('below'),
    ),
  );
  profile = tempDir('um-remote-images-');
  const fetcher = new SafeFetcher({
    resolver: async (name) => (name === 'anh.binhphuoc.gov.vn' ? [{ address: '127.0.0.2', family: 4 }] : []),
    policy: publicOnlyPolicy(['127.0.0.2/32']),
  });
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'test',
    platform: process.platform,
    fetchImage: (url) => fetcher.get(url),
  });
  dispatch = createDispatcher(services);
  accountId = ok<{ id: string }>(
    await dispatch('accounts.add', { draft: draftFor(stack, EMAIL), password: PASSWORD }),
  ).id;
  const list = ok<Array<{ uid: number; subject: string }>>(
    await dispatch('mail.messages', { accountId, folder: 'INBOX', limit: 10 }),
  );
  for (const m of list) uidBySubject.set(m.subject, m.uid);
});

afterAll(async () => {
  await services?.dispose();
  await stack?.stop();
  profile?.cleanup();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const load = (subject: string, urls: string[], auto: boolean) =>
  dispatch('mail.remoteImages', { accountId, folder: 'INBOX', uid: uidBySubject.get(subject)!, urls, auto });

describe('remote images of one message', () => {
  it('loads automatically only for a From the server authenticated (topmost Authentication-Results)', async () => {
    const forged = await load('forged', [image('forged')], true);
    expect(forged).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', data: { reason: 'sender-not-authenticated' } },
    });
    const below = await load('forged-below', [image('below')], true);
    expect(below).toMatchObject({ ok: false, error: { data: { reason: 'sender-not-authenticated' } } });
    expect(seen).toEqual([]);
    expect(ok<Record<string, string>>(await load('signed-by-server', [image('good')], true))).toEqual({
      [image('good')]: `data:image/png;base64,${PNG.toString('base64')}`,
    });
    expect(seen).toEqual(['/good.png']);
  });

  it('loads a forged sender images after a click on this message', async () => {
    expect(Object.keys(ok<Record<string, string>>(await load('forged', [image('forged')], false)))).toEqual([
      image('forged'),
    ]);
    expect(seen).toContain('/forged.png');
  });

  it('fetches only the URLs of the message named by folder and UID', async () => {
    const before = seen.length;
    const other = await load('signed-by-server', [image('not-in-this-message'), image('forged')], false);
    expect(ok<Record<string, string>>(other)).toEqual({});
    expect(seen.slice(before)).toEqual([]);
    const missing = await dispatch('mail.remoteImages', {
      accountId,
      folder: 'INBOX',
      uid: 999_999,
      urls: [image('good')],
    });
    expect(missing).toMatchObject({ ok: false });
    expect(seen.slice(before)).toEqual([]);
  });
});
