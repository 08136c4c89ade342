// compose.suggest through the dispatcher over real services: the cache, the contacts list (imported
// through contacts.import from a file main's dialog picked) and the directory of a real slapd
// merge into one list, each address once, with the directory's title · unit; when the directory
// breaks (unreachable, invalid file) the cache and contacts still answer.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressSuggestion } from '../../shared/compose.ts';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import type { CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BIND_USER, COUNCIL_GROUP } from '../stack/ldap-seed.ts';
import { startLdapStack, type LdapStack } from '../stack/ldap-stack.ts';

let ldap: LdapStack;
let services: AppServices;
let dispatch: Dispatcher;
const profile = tempDir('um-suggest-');
const directoryFile = () => join(profile.dir, 'directory.json');
const vcf = join(profile.dir, 'danhba.vcf');

const header = (uid: number, from: { name: string; address: string }): CachedHeader => ({
  uid,
  modseq: 1n,
  flags: [],
  date: Date.UTC(2026, 0, uid),
  internalDate: null,
  size: 100,
  subject: `Thư ${uid}`,
  from: [from],
  to: [],
  cc: [],
  messageId: `<${uid}@binhphuoc.gov.vn>`,
  inReplyTo: null,
  references: [],
  hasAttachments: false,
  attachmentNames: [],
});

beforeAll(async () => {
  ldap = await startLdapStack();
  await writeFile(
    vcf,
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nguyễn Văn Bảo\r\nEMAIL:nvbao@stp.binhphuoc.gov.vn\r\nEND:VCARD\r\n',
  );
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs({ pickFile: async (purpose) => (purpose === 'contacts' ? vcf : null) }),
    openExternal: async () => undefined,
    appVersion: '0.0.0-test',
    platform: 'linux',
  });
  const server = { host: '127.0.0.1', port: 993, security: 'tls' as const };
  services.settings.saveAccounts([
    {
      id: 'acct',
      kind: 'unit',
      displayName: 'Văn phòng',
      email: BIND_USER.login,
      username: BIND_USER.login,
      imap: server,
      smtp: { ...server, port: 465 },
      allowInsecure: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ]);
  services.caches
    .get('acct')
    .saveHeaders('INBOX', [
      header(1, { name: 'Nguyễn Văn An (Sở NV)', address: 'NVAN@binhphuoc.gov.vn' }),
      header(2, { name: 'Nguyễn Văn Ba', address: 'nvba@xa.binhphuoc.gov.vn' }),
    ]);
  dispatch = createDispatcher(services);
});
afterAll(async () => {
  await services?.dispose();
  await ldap?.stop();
  profile.cleanup();
});

const config = () => ({ url: `ldap://127.0.0.1:${ldap.port}`, baseDn: ldap.baseDn, caFile: ldap.caFile });
async function suggest(): Promise<AddressSuggestion[]> {
  const answer = await dispatch('compose.suggest', { accountId: 'acct', query: 'nguyen van', limit: 10 });
  if (!answer.ok) throw new Error(answer.error.detail);
  return answer.value as AddressSuggestion[];
}
const CACHE_AND_CONTACTS = [
  ['nvan@binhphuoc.gov.vn', 'cache'],
  ['nvba@xa.binhphuoc.gov.vn', 'cache'],
  ['nvbao@stp.binhphuoc.gov.vn', 'contacts'],
];

describe('compose.suggest over the cache, the contacts list and the directory', () => {
  it("imports contacts from the file picked in main's dialog; without a directory: cache and contacts", async () => {
    expect(await dispatch('contacts.import', {})).toMatchObject({
      ok: true,
      value: { file: 'danhba.vcf', format: 'vcard', imported: 1, skipped: 0 },
    });
    expect(await dispatch('contacts.list', { query: 'bao' })).toMatchObject({
      ok: true,
      value: [{ name: 'Nguyễn Văn Bảo', address: 'nvbao@stp.binhphuoc.gov.vn' }],
    });
    expect(await dispatch('directory.status', {})).toMatchObject({ ok: true, value: { configured: false } });
    expect((await suggest()).map((s) => [s.address, s.source])).toEqual(CACHE_AND_CONTACTS);
  });

  it("with the directory: each address once, with the directory's title · unit as detail", async () => {
    await writeFile(directoryFile(), JSON.stringify(config()));
    const list = await suggest();
    const keys = list.map((s) => s.address.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    // The cache knew nvan by the name in its mail: kept, with the directory's title · unit.
    expect(list.find((s) => s.address === 'nvan@binhphuoc.gov.vn')).toMatchObject({
      source: 'cache',
      detail: 'Giám đốc · Sở Nội vụ',
    });
    expect(list.find((s) => s.address === 'nvanh@binhphuoc.gov.vn')).toMatchObject({
      source: 'directory',
      name: 'Nguyễn Văn Anh',
      detail: 'Chuyên viên · Sở Tài chính',
    });
    expect(list.map((s) => s.address)).toEqual(expect.arrayContaining(['nvbao@stp.binhphuoc.gov.vn']));
    expect(await dispatch('directory.expandGroup', { accountId: 'acct', name: COUNCIL_GROUP })).toMatchObject({
      ok: true,
      value: { name: COUNCIL_GROUP, members: [{ address: 'snv@binhphuoc.gov.vn' }, {}, {}, {}] },
    });
    expect(await dispatch('directory.status', { check: true })).toMatchObject({ ok: true, value: { reachable: true } });
  });

  it('a broken directory (unreachable, invalid file) leaves the cache and contacts suggestions as they were', async () => {
    await writeFile(directoryFile(), JSON.stringify({ ...config(), url: 'ldap://127.0.0.1:1' }));
    expect((await suggest()).map((s) => [s.address, s.source])).toEqual(CACHE_AND_CONTACTS);
    await writeFile(directoryFile(), '{ not json');
    expect((await suggest()).map((s) => [s.address, s.source])).toEqual(CACHE_AND_CONTACTS);
    expect(await dispatch('directory.expandGroup', { accountId: 'acct', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'DIRECTORY_NOT_CONFIGURED' },
    });
    expect(await dispatch('directory.expandGroup', { accountId: 'acct' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
