// The packaged app's Electron fuses and asar settings in electron-builder.yml: what README
// ("Electron fuses") documents. A change to any of them fails CI, with or without the Electron binary.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the packaged app (electron-builder.yml)', () => {
  const config = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');

  /** The `key: value` lines of one top-level block. */
  function block(name: string): Record<string, string> {
    const lines = config.split('\n');
    const start = lines.indexOf(`${name}:`);
    if (start === -1) throw new Error(`no ${name} block`);
    const entries: Record<string, string> = {};
    for (const line of lines.slice(start + 1)) {
      const m = /^\s+([A-Za-z]+):\s*(\S.*)$/.exec(line);
      if (!m) break;
      entries[m[1]!] = m[2]!;
    }
    return entries;
  }

  it('packs the app in an asar archive whose integrity Electron checks', () => {
    expect(config).toMatch(/^asar: true$/m);
    expect(block('electronFuses')).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('unpacks nothing from the archive but the keychain native module', () => {
    const unpack = config.slice(config.indexOf('asarUnpack:')).split('\n').slice(1);
    const entries = unpack.filter((l) => /^\s+-/.test(l));
    const firstNonEntry = unpack.findIndex((l) => !/^\s+-/.test(l));
    expect(entries.slice(0, firstNonEntry)).toEqual(['  - node_modules/@napi-rs/keyring*/**']);
  });
});
