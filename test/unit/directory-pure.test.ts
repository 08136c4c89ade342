// The directory's pure parts: RFC 4515 / 4514 escaping, the diacritic-proof skeleton filter, DN
// values, the IT Centre's configuration file, and the merge of suggestions from every source
// (each address once; a failing or slow directory leaves the others standing).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressSuggestion } from '../../shared/compose.ts';
import { loadDirectoryConfig } from '../../electron/services/directory/directory-config.ts';
import { parentDn, rdnValue } from '../../electron/services/directory/directory-entry.ts';
import {
  escapeDnValue,
  escapeFilterValue,
  orderedSkeleton,
  queryTokens,
  searchFilter,
  userDnFromTemplate,
} from '../../electron/services/directory/ldap-filter.ts';
import { merge, RecipientSuggester } from '../../electron/services/directory/recipient-suggest.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('LDAP escaping and filters', () => {
  it('escapes filter values per RFC 4515 and DN values per RFC 4514', () => {
    expect(escapeFilterValue('*)(mail=*')).toBe('\\2a\\29\\28mail=\\2a');
    expect(escapeFilterValue('a\\b\0c')).toBe('a\\5cb\\00c');
    expect(escapeFilterValue('Nguyễn')).toBe('Nguyễn');
    expect(escapeDnValue('Các sở, ban, ngành')).toBe('Các sở\\, ban\\, ngành');
    expect(escapeDnValue(' #a+b=c ')).toBe('\\ #a\\+b\\=c\\ ');
    expect(userDnFromTemplate('uid={local},ou=canbo,dc=x', 'a,b@x.vn')).toBe('uid=a\\,b,ou=canbo,dc=x');
  });

  it('asks the server for the consonant skeleton, in order, with word starts', () => {
    expect(queryTokens('  Nguyễn  Văn, A ')).toEqual(['nguyen', 'van', 'a']);
    expect(orderedSkeleton(['nguyen', 'van', 'a'])).toEqual(['ng', 'n', ' v', 'n']);
    expect(orderedSkeleton(['dang', 'quoc', 'dung'])).toEqual(['ng', ' q', 'c', 'ng']);
    const filter = searchFilter(['nguyen', 'van'], {
      searchAttributes: ['cn', 'displayName'],
      foldedAttribute: 'cnAscii',
    });
    expect(filter).toContain('(cn=*ng*n* v*n*)');
    expect(filter).toContain('(displayName=*ng*n* v*n*)');
    expect(filter).toContain(
      '(&(|(cnAscii=*nguyen*)(mail=*nguyen*)(uid=*nguyen*))(|(cnAscii=*van*)(mail=*van*)(uid=*van*)))',
    );
    // Only vowels: nothing to narrow on, so no query rather than the whole directory.
    expect(searchFilter(['a'], { searchAttributes: ['cn'] })).toBeNull();
    expect(searchFilter(['ui'], { searchAttributes: ['cn'] })).toBeNull();
  });

  it('reads RDN values with escapes and UTF-8 hex pairs', () => {
    expect(rdnValue('cn=Các sở\\2C ban\\2C ngành,ou=nhom,dc=x')).toBe('Các sở, ban, ngành');
    expect(rdnValue('ou=S\\E1\\BB\\9F N\\E1\\BB\\99i v\\E1\\BB\\A5,dc=x')).toBe('Sở Nội vụ');
    expect(parentDn('cn=A\\, B,ou=nhom,dc=x')).toBe('ou=nhom,dc=x');
  });
});

describe('directory.json', () => {
  const write = (text: string) => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'directory.json');
    writeFileSync(file, text);
    return { dir, file };
  };

  it('is optional; a valid one gets defaults and a CA path relative to it', async () => {
    const { dir, file } = write(
      '\uFEFF{"url":"ldap://danhba.binhphuoc.gov.vn","baseDn":"dc=binhphuoc,dc=gov,dc=vn","caFile":"ca.pem"}',
    );
    expect(await loadDirectoryConfig(join(dir, 'absent.json'))).toMatchObject({ config: null, error: null });
    expect(await loadDirectoryConfig(file)).toMatchObject({
      error: null,
      config: { bind: 'anonymous', caFile: join(dir, 'ca.pem'), timeoutSeconds: 5, maxResults: 100 },
    });
  });

  it('a broken one turns the directory off with a clear error, never a crash', async () => {
    for (const [text, problem] of [
      ['{ "url": ', /not valid JSON/],
      ['{"url":"http://x","baseDn":"dc=x"}', /url: must be ldap/],
      ['{"url":"ldap://x","baseDn":"dc=x","bind":"admin"}', /bind/],
      ['{"url":"ldap://x","baseDn":"dc=x","searchAttributes":["cn)(x"]}', /searchAttributes/],
      ['{"url":"ldap://x","baseDn":"dc=x","password":"secret"}', /password/],
      ['{"url":"ldap://x","baseDn":"dc=x","bind":"user","userDn":"uid=fixed"}', /\{login\}/],
    ] as const) {
      const loaded = await loadDirectoryConfig(write(text).file);
      expect(loaded.config, text).toBeNull();
      expect(loaded.error, text).toMatch(/^Tệp cấu hình danh bạ điện tử .* không hợp lệ/);
      expect(loaded.error, text).toMatch(problem);
    }
  });
});

describe('suggestions from every source', () => {
  const s = (address: string, source: AddressSuggestion['source'], name = '', detail?: string): AddressSuggestion => ({
    name,
    address,
    source,
    ...(detail ? { detail } : {}),
  });

  it('keeps each address once (the earlier source), completed by later ones; prefix matches first', () => {
    const merged = merge(
      [
        [s('NVAN@binhphuoc.gov.vn', 'cache'), s('khac@binhphuoc.gov.vn', 'cache', 'Ông Nguyễn')],
        [s('nvan@binhphuoc.gov.vn', 'contacts', 'Nguyễn Văn An', 'Sở Nội vụ')],
        [s('nvan@BINHPHUOC.gov.vn', 'directory', 'Nguyễn Văn An', 'Giám đốc · Sở Nội vụ')],
        [s('nvanh@binhphuoc.gov.vn', 'directory', 'Nguyễn Văn Anh')],
      ],
      'nguyen',
      10,
    );
    expect(merged).toEqual([
      { name: 'Nguyễn Văn An', address: 'NVAN@binhphuoc.gov.vn', source: 'cache', detail: 'Giám đốc · Sở Nội vụ' },
      s('khac@binhphuoc.gov.vn', 'cache', 'Ông Nguyễn'),
      s('nvanh@binhphuoc.gov.vn', 'directory', 'Nguyễn Văn Anh'),
    ]);
    // A word of the name starting with the query ranks before a match elsewhere.
    expect(merge([[s('x@nguyenvan.vn', 'cache', 'X')], [s('y@a.vn', 'directory', 'Nguyễn Y')]], 'nguyen', 5)).toEqual([
      s('y@a.vn', 'directory', 'Nguyễn Y'),
      s('x@nguyenvan.vn', 'cache', 'X'),
    ]);
  });

  it('answers from the cache and contacts when the directory fails or is too slow', async () => {
    const base = {
      cache: () => [s('nvan@binhphuoc.gov.vn', 'cache', 'Nguyễn Văn An')],
      contacts: () => {
        throw new Error('contacts file locked');
      },
      logger: nullLogger,
      budgetMs: 50,
    };
    const failing = new RecipientSuggester({
      ...base,
      directory: async () => async () => Promise.reject(new AppError('HOST_UNREACHABLE', 'down')),
    });
    expect(await failing.suggest('a', 'nguyen', 5)).toEqual([s('nvan@binhphuoc.gov.vn', 'cache', 'Nguyễn Văn An')]);
    const slow = new RecipientSuggester({
      ...base,
      directory: async () => () => new Promise(() => undefined),
    });
    const started = performance.now();
    expect(await slow.suggest('a', 'nguyen', 5)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
    const off = new RecipientSuggester({ ...base, directory: async () => null });
    expect(await off.suggest('a', '   ', 5)).toEqual([]);
  });
});
