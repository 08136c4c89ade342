import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILT, runCli } from '../support/handover-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// `handover verify` given something that is not a bag, or a certificate file that is not there
// (issue 17, item 11): one clear Vietnamese line on stderr (English detail in --json), exit 1,
// never the usage text nor a problem list such as "[extra] :".

let work: { dir: string; cleanup: () => void };
let profile: string;
let notBag: string;
let random: string;

beforeAll(() => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
  work = tempDir('um-handover-errors-');
  profile = join(work.dir, 'profile');
  notBag = join(work.dir, 'Tài liệu');
  mkdirSync(join(notBag, 'data'), { recursive: true });
  writeFileSync(join(notBag, 'ghi-chu.txt'), 'không phải gói\n');
  random = join(work.dir, 'ngau-nhien.bin');
  writeFileSync(random, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
});

afterAll(() => work?.cleanup());

async function expectOneLine(args: string[], vi: RegExp, code: string): Promise<void> {
  const r = await runCli(profile, ['handover', 'verify', ...args]);
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(vi);
  expect(r.stderr).not.toContain('Usage:');
  expect(r.stdout).not.toMatch(/\[extra\]|\[missing\]/);
  const json = await runCli(profile, ['handover', 'verify', ...args, '--json']);
  expect(json.code).toBe(1);
  const { error } = JSON.parse(json.stdout) as { error: { code: string; messageVi: string; detail: string } };
  expect(error.code).toBe(code);
  expect(error.messageVi).toMatch(vi);
  expect(error.detail).toMatch(/^[\x20-\x7e]+$/); // the English detail (paths here are ASCII)
}

describe('handover verify: clear errors', () => {
  it('a directory that is not a bag', async () => {
    const plain = join(work.dir, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'a.txt'), 'x');
    await expectOneLine([plain], /không phải gói bàn giao/, 'PACKAGE_INVALID');
    const r = await runCli(profile, ['handover', 'verify', notBag]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Tài liệu không phải gói bàn giao');
  });

  it('a random file', async () => {
    await expectOneLine([random], /không phải gói bàn giao/, 'PACKAGE_INVALID');
  });

  it('a path that does not exist', async () => {
    await expectOneLine([join(work.dir, 'khong-co')], /Không đọc được/, 'FILE_ERROR');
  });

  it('a missing certificate file, and a file that holds no certificate', async () => {
    const plain = join(work.dir, 'plain2');
    mkdirSync(plain);
    await expectOneLine([plain, '--ca', join(work.dir, 'ca-khong-co.pem')], /không tồn tại/, 'FILE_ERROR');
    await expectOneLine([plain, '--ca', random], /không chứa chứng thư số/, 'CERTIFICATE_INVALID');
  });

  it('a malformed --expect-signer is a usage error (exit 2) without the usage text', async () => {
    const r = await runCli(profile, ['handover', 'verify', notBag, '--expect-signer', 'AB:CD']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('dấu vân tay SHA-256');
  });
});
