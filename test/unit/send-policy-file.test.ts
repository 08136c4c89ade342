import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSendPolicy } from '../../electron/services/policy/send-policy-file.ts';
import { DEFAULT_FREEMAIL_DOMAINS, DEFAULT_SEND_POLICY } from '../../shared/send-policy.ts';
import { tempDir } from '../support/temp-dir.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('um-send-policy-')));
afterEach(() => cleanup());

function policyFile(content: string): string {
  const path = join(dir, 'send-policy.json');
  writeFileSync(path, content, 'utf8');
  return path;
}

/** The defaults are in force, with an error naming the file and matching `problem`. */
async function expectDefaultsWithError(content: string, problem: RegExp): Promise<void> {
  const path = policyFile(content);
  const loaded = await loadSendPolicy(path);
  expect(loaded.policy).toEqual(DEFAULT_SEND_POLICY);
  expect(loaded.source).toBeNull();
  expect(loaded.freemailDomains).toEqual([...DEFAULT_FREEMAIL_DOMAINS]);
  expect(loaded.officialDomains).toEqual(['gov.vn']);
  expect(loaded.maxMessageBytes).toBeNull();
  expect(loaded.error).toContain(path);
  expect(loaded.error).toContain('chính sách mặc định');
  expect(loaded.error).toMatch(problem);
}

describe('loadSendPolicy', () => {
  it('gives the defaults without an error when no file is deployed', async () => {
    const loaded = await loadSendPolicy(join(dir, 'missing.json'));
    expect(loaded).toEqual({
      source: null,
      error: null,
      freemailDomains: [...DEFAULT_FREEMAIL_DOMAINS],
      officialDomains: ['gov.vn'],
      maxMessageBytes: null,
      policy: DEFAULT_SEND_POLICY,
    });
  });

  it('reads a deployed policy (with a byte-order mark, as Windows editors write it)', async () => {
    const path = policyFile(
      '\uFEFF' +
        JSON.stringify({
          version: 1,
          freemailDomains: ['gmail.com', 'yahoo.*', 'vnn.vn'],
          officialDomains: ['*.gov.vn', 'bìnhphước.vn'],
          maxMessageBytes: 20_000_000,
          secretMarkings: ['Mật', 'Tối mật', 'Tuyệt mật'],
        }),
    );
    const loaded = await loadSendPolicy(path);
    expect(loaded.error).toBeNull();
    expect(loaded.source).toBe(path);
    expect(loaded.freemailDomains).toEqual(['gmail.com', 'yahoo.*', 'vnn.vn']);
    expect(loaded.officialDomains).toEqual(['gov.vn', 'xn--bnhphc-wva68md49k.vn']);
    expect(loaded.maxMessageBytes).toBe(20_000_000);
    expect(loaded.policy.secretMarkings).toEqual(['Mật', 'Tối mật', 'Tuyệt mật']);
  });

  it('fills what a minimal file leaves out from the defaults', async () => {
    const loaded = await loadSendPolicy(policyFile('{"version": 1, "maxMessageBytes": 10485760}'));
    expect(loaded.error).toBeNull();
    expect(loaded.freemailDomains).toEqual([...DEFAULT_FREEMAIL_DOMAINS]);
    expect(loaded.maxMessageBytes).toBe(10_485_760);
  });

  it('keeps the defaults and explains a file that is not JSON', async () => {
    await expectDefaultsWithError('{ version: 1, freemailDomains: [gmail.com] }', /not valid JSON/);
    await expectDefaultsWithError('', /not valid JSON/);
    await expectDefaultsWithError('<policy version="1"/>', /not valid JSON/);
  });

  it('keeps the defaults and explains wrong types and values', async () => {
    await expectDefaultsWithError('{"version":1,"freemailDomains":"gmail.com"}', /freemailDomains/);
    await expectDefaultsWithError('{"version":1,"freemailDomains":["gmail.com",42]}', /freemailDomains\.1/);
    await expectDefaultsWithError('{"version":1,"officialDomains":["gov vn"]}', /officialDomains\.0: "gov vn"/);
    await expectDefaultsWithError('{"version":1,"officialDomains":[]}', /officialDomains/);
    await expectDefaultsWithError('{"version":1,"maxMessageBytes":"20MB"}', /maxMessageBytes/);
    await expectDefaultsWithError('{"version":1,"freemailDomain":["gmail.com"]}', /freemailDomain/);
    await expectDefaultsWithError('[]', /\(root\)/);
    await expectDefaultsWithError('null', /\(root\)/);
    await expectDefaultsWithError('{"freemailDomains":[]}', /version/);
  });

  it('keeps the defaults and explains an unknown version', async () => {
    await expectDefaultsWithError('{"version":2,"freemailDomains":[]}', /unknown version 2; this app reads version 1/);
    await expectDefaultsWithError('{"version":"1"}', /unknown version "1"/);
  });

  it('keeps the defaults when the path cannot be read as a file', async () => {
    const path = join(dir, 'a-directory.json');
    mkdirSync(path);
    const loaded = await loadSendPolicy(path);
    expect(loaded.policy).toEqual(DEFAULT_SEND_POLICY);
    expect(loaded.error).toMatch(/cannot read the file \(EISDIR\)/);
  });

  it('returns a policy the caller may change without touching the defaults', async () => {
    const loaded = await loadSendPolicy(join(dir, 'missing.json'));
    loaded.policy.freemailDomains.push('example.com');
    expect(DEFAULT_SEND_POLICY.freemailDomains).not.toContain('example.com');
  });
});
