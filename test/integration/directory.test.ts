// The province directory against a real slapd (test/stack/ldap-stack.ts) holding Vietnamese names,
// units and groups: folded name search, units, group expansion, anonymous and user binds, TLS
// failures, unreachable and hung servers, filter injection, the size limit. compose.suggest over
// the same server: directory-suggest.test.ts.
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryService } from '../../electron/services/directory/directory-service.ts';
import { queryTokens, searchFilter } from '../../electron/services/directory/ldap-filter.ts';
import type { DirectoryLogin } from '../../electron/services/directory/ldap-session.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BIND_USER, COUNCIL_GROUP, LEADERS_DN, MANY_NGUYEN, personDn, unitDn } from '../stack/ldap-seed.ts';
import { startLdapStack, type LdapStack } from '../stack/ldap-stack.ts';

let ldap: LdapStack;
const tmp = tempDir('um-directory-');
beforeAll(async () => {
  ldap = await startLdapStack();
});
afterAll(async () => {
  await ldap?.stop();
  tmp.cleanup();
});

let files = 0;
async function directory(config: Record<string, unknown>, login?: DirectoryLogin): Promise<DirectoryService> {
  const configFile = join(tmp.dir, `directory-${++files}.json`);
  await writeFile(configFile, JSON.stringify({ baseDn: ldap.baseDn, caFile: ldap.caFile, ...config }));
  return new DirectoryService({
    configFile,
    login: async () => login ?? Promise.reject(new Error('no login in this test')),
  });
}
const startTls = () => `ldap://127.0.0.1:${ldap.port}`;
const ldaps = () => `ldaps://127.0.0.1:${ldap.tlsPort}`;

describe('directory search', () => {
  it('finds "Nguyễn …" from "nguyen", with title and unit, over StartTLS and ldaps', async () => {
    for (const url of [startTls(), ldaps()]) {
      const d = await directory({ url });
      const { entries, truncated } = await d.search(undefined, 'nguyen van a', 20);
      expect(truncated, url).toBe(false);
      expect(entries.map((e) => e.name)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh']);
      expect(entries[0]).toMatchObject({
        dn: personDn('nvan'),
        kind: 'person',
        address: 'nvan@binhphuoc.gov.vn',
        title: 'Giám đốc',
        unit: 'Sở Nội vụ',
      });
    }
    const d = await directory({ url: startTls() });
    expect((await d.search(undefined, 'dang quoc dung', 5)).entries.map((e) => e.name)).toEqual(['Đặng Quốc Dũng']);
    expect((await d.search(undefined, 'Trần Thị', 5)).entries.map((e) => e.address)).toEqual([
      'ttbinh@binhphuoc.gov.vn',
    ]);
    expect((await d.search(undefined, 'lvcuong', 5)).entries.map((e) => e.name)).toEqual(['Lê Văn Cường']);
  });

  it('finds units by name, the unit first, its mailbox as the address', async () => {
    const d = await directory({ url: startTls() });
    const { entries } = await d.search(undefined, 'so noi vu', 10);
    expect(entries[0]).toMatchObject({ kind: 'unit', name: 'Sở Nội vụ', address: 'snv@binhphuoc.gov.vn' });
    // Its officials match through their unit (ou) too, after it.
    expect(entries.map((e) => e.name)).toContain('Lê Văn Cường');
  });

  it('says when the server had more than it returned (size limit): "N of more"', async () => {
    const d = await directory({ url: startTls(), maxResults: 10 });
    const some = await d.search(undefined, 'nguyen huu tam', 50);
    expect(MANY_NGUYEN).toBeGreaterThan(10);
    expect(some.truncated).toBe(true);
    expect(some.entries.length).toBeLessThanOrEqual(10);
    const all = await (await directory({ url: startTls() })).search(undefined, 'nguyen huu tam', 50);
    expect(all).toMatchObject({ truncated: false });
    expect(all.entries).toHaveLength(MANY_NGUYEN);
  });

  it('escapes filter input (RFC 4515): "*)(mail=*" is a literal and matches nothing', async () => {
    const filter = searchFilter(queryTokens('*)(mail=*'), { searchAttributes: ['cn'] }) ?? '';
    expect(filter).toContain('(mail=*\\2a\\29\\28mail=\\2a*)');
    expect(filter).not.toContain('(mail=*)');
    const d = await directory({ url: startTls() });
    for (const q of ['*)(mail=*', '*', 'nvan)(|(objectClass=*', 'x\\2a']) {
      expect((await d.search(undefined, q, 50)).entries, q).toEqual([]);
    }
    await expect(d.expandGroup(undefined, { name: '*)(cn=*' })).rejects.toMatchObject({
      code: 'DIRECTORY_ENTRY_NOT_FOUND',
    });
  });
});

describe('directory groups', () => {
  it('expands "Các sở, ban, ngành" (commas in its DN) by name, with or without marks', async () => {
    const d = await directory({ url: startTls() });
    for (const name of [COUNCIL_GROUP, 'cac so, ban, nganh']) {
      const g = await d.expandGroup(undefined, { name });
      expect(g.name).toBe(COUNCIL_GROUP);
      expect(g.members.map((m) => m.address)).toEqual([
        'snv@binhphuoc.gov.vn',
        'stc@binhphuoc.gov.vn',
        'sgddt@binhphuoc.gov.vn',
        'bdt@binhphuoc.gov.vn',
      ]);
      expect(g.skipped).toEqual([{ dn: unitDn('Sở Đã Giải Thể'), reason: 'not-found' }]);
    }
  });

  it('expands a groupOfUniqueNames by DN and a nesting loop, reporting who has no mailbox', async () => {
    const d = await directory({ url: ldaps() });
    const leaders = await d.expandGroup(undefined, { dn: LEADERS_DN });
    expect(leaders.members.map((m) => m.address)).toEqual([
      'nvan@binhphuoc.gov.vn',
      'ttbinh@binhphuoc.gov.vn',
      'nthoa@binhphuoc.gov.vn',
    ]);
    expect(leaders.members[1]).toMatchObject({ name: 'Trần Thị Bình', detail: 'Phó Giám đốc · Sở Tài chính' });
    expect(leaders.skipped).toEqual([{ dn: personDn('pthuong'), reason: 'no-address' }]);
    const loop = await d.expandGroup(undefined, { name: 'Tổ công tác A' });
    expect(loop.members.map((m) => m.address).sort()).toEqual(['hmnam@binhphuoc.gov.vn', 'lvcuong@binhphuoc.gov.vn']);
    expect(loop.skipped.map((s) => s.reason)).toEqual(['loop']);
    await expect(d.expandGroup(undefined, { dn: personDn('nvan') })).rejects.toMatchObject({
      code: 'DIRECTORY_ENTRY_NOT_FOUND',
    });
  });
});

describe('directory binds and failures', () => {
  const user: DirectoryLogin = { login: BIND_USER.login, password: BIND_USER.password };

  it('binds anonymously or as the user (search-then-bind, or a DN template); the user sees more', async () => {
    const anonymous = await directory({ url: startTls() });
    expect((await anonymous.search(undefined, 'nguyen van an', 1)).entries[0]?.phone).toBe('');
    for (const extra of [{}, { userDn: 'uid={local},ou=canbo,dc=binhphuoc,dc=gov,dc=vn' }]) {
      const asUser = await directory({ url: startTls(), bind: 'user', ...extra }, user);
      expect((await asUser.search('acct', 'nguyen van an', 1)).entries[0]?.phone).toMatch(/^0912/);
    }
    const wrong = await directory({ url: startTls(), bind: 'user' }, { ...user, password: 'sai-mat-khau' });
    await expect(wrong.search('acct', 'nguyen', 5)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const unknown = await directory({ url: startTls(), bind: 'user' }, { login: 'khong-co@x.vn', password: 'x' });
    await expect(unknown.search('acct', 'nguyen', 5)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const noAccount = await directory({ url: startTls(), bind: 'user' }, user);
    await expect(noAccount.search(undefined, 'nguyen', 5)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a wrong CA is a typed TLS error, over StartTLS and ldaps, before any bind', async () => {
    for (const url of [startTls(), ldaps()]) {
      const d = await directory({ url, caFile: ldap.otherCaFile, bind: 'user' }, user);
      await expect(d.search('acct', 'nguyen', 5), url).rejects.toMatchObject({ code: 'TLS_UNTRUSTED' });
    }
  });

  it('an unreachable server is a typed error, quickly', async () => {
    const closed = await directory({ url: 'ldap://127.0.0.1:1', timeoutSeconds: 5 });
    // Refused at once, not left to the 5 s deadline: the error is the refusal, not a timeout.
    await expect(closed.search(undefined, 'nguyen', 5)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    // A server that accepts and then never answers (a hung slapd, a half-open firewall): the
    // deadline covers the TLS handshake and the StartTLS request alike.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      for (const url of [`ldaps://127.0.0.1:${port}`, `ldap://127.0.0.1:${port}`]) {
        const hung = await directory({ url, timeoutSeconds: 1 });
        // The configured deadline is what fires (named in the detail), not a library default.
        await expect(hung.search(undefined, 'nguyen', 5), url).rejects.toMatchObject({
          code: 'TIMEOUT',
          detail: expect.stringContaining('within 1000 ms'),
        });
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a server without StartTLS is refused (typed), never used in plain text', async () => {
    const plain = await startLdapStack({ tls: false });
    try {
      const d = await directory({ url: `ldap://127.0.0.1:${plain.port}`, bind: 'user' }, user);
      await expect(d.search('acct', 'nguyen', 5)).rejects.toMatchObject({ code: 'CAPABILITY_MISSING' });
      // Refused before any bind: the password never went over the plain connection.
      const log = await plain.logs();
      expect(log).toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/);
      expect(log).not.toMatch(/\bBIND\b/);
    } finally {
      await plain.stop();
    }
  });

  it('status: not configured, invalid file, reachable, and why not', async () => {
    const none = new DirectoryService({ configFile: join(tmp.dir, 'absent.json'), login: async () => user });
    expect(await none.status({ check: true })).toMatchObject({ configured: false, error: null, reachable: null });
    await expect(none.search(undefined, 'nguyen', 5)).rejects.toMatchObject({ code: 'DIRECTORY_NOT_CONFIGURED' });
    const bad = await directory({ url: 'http://ldap.example', bind: 'admin' });
    const badStatus = await bad.status({ check: true });
    expect(badStatus).toMatchObject({ configured: false, reachable: null });
    expect(badStatus.error).toMatch(/không hợp lệ.*url.*bind/s);
    const good = await directory({ url: startTls() });
    expect(await good.status({ check: true })).toMatchObject({
      configured: true,
      reachable: true,
      config: {
        url: startTls(),
        bind: 'anonymous',
        caFile: ldap.caFile,
        searchAttributes: ['cn', 'displayName', 'ou'],
      },
    });
    const untrusted = await directory({ url: ldaps(), caFile: ldap.otherCaFile });
    expect(await untrusted.status({ check: true })).toMatchObject({
      reachable: false,
      problem: { code: 'TLS_UNTRUSTED' },
    });
  });
});
