import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { KEYCHAIN_SERVICE } from '../../electron/services/keychain/secret-store.ts';

// Runs inside test/support/with-keyring.sh: a private D-Bus session with an unlocked gnome-keyring.
const key = `password:keychain-test-${process.pid}@binhphuoc.gov.vn`;

function secretToolLookup(account: string): string | null {
  const r = spawnSync('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'username', account], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout : null;
}

describe('OS keychain (real gnome-keyring over a private D-Bus session)', () => {
  it('sets, gets, overwrites and deletes a secret', async () => {
    const keychain = new OsKeychain();
    await keychain.assertAvailable();
    expect(await keychain.get(key)).toBeNull();
    await keychain.set(key, 'Mật-khẩu#1 với dấu');
    expect(await keychain.get(key)).toBe('Mật-khẩu#1 với dấu');
    await keychain.set(key, 'second');
    expect(await keychain.get(key)).toBe('second');
    expect(await keychain.delete(key)).toBe(true);
    expect(await keychain.get(key)).toBeNull();
    expect(await keychain.delete(key)).toBe(false);
  });

  it('stores in the Secret Service itself, visible to OS tools', async () => {
    const keychain = new OsKeychain();
    await keychain.set(key, 'visible-to-secret-tool');
    try {
      const attrs = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lookup = secretToolLookup(key);
      // keyring-rs uses the attribute "username" for the account; accept either spelling of the search output.
      expect(
        lookup === 'visible-to-secret-tool' || attrs.includes(key) || /secret = visible-to-secret-tool/.test(attrs),
      ).toBe(true);
    } finally {
      await keychain.delete(key);
    }
  });

  it('refuses (never falls back) when no Secret Service is reachable', () => {
    const script = `
      import { OsKeychain } from ${JSON.stringify(new URL('../../electron/services/keychain/os-keychain.ts', import.meta.url).pathname)};
      try { await new OsKeychain().set('probe', 'x'); console.log('STORED'); }
      catch (e) { console.log(e.code); }
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      timeout: 30_000,
    });
    expect(r.stdout.trim()).toBe('KEYCHAIN_UNAVAILABLE');
  });
});
