// A CLI profile ready to export: the outgoing head's signing identity, the unit
// account (IMAPS with the stack's CA, password into the keychain through
// stdin) and the incoming head's certificate made with openssl (RSA-3072,
// keyEncipherment), exactly as a user would prepare them.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { MailStack } from '../../stack/mail-stack.ts';
import { UNIT_EMAIL, passwordOf } from '../../support/fixtures.ts';

export const BIN = fileURLToPath(new URL('../../../bin/unit-mailbox.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(profileDir: string, args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--profile', profileDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function must(profileDir: string, args: string[], stdin = ''): Promise<CliResult> {
  const r = await cli(profileDir, args, stdin);
  if (r.code !== 0) throw new Error(`unit-mailbox ${args.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
}

export interface ExportProfile {
  profileDir: string;
  recipientCert: string;
}

export async function prepareProfile(stack: MailStack, dir: string): Promise<ExportProfile> {
  const profileDir = join(dir, 'profile');
  await must(profileDir, [
    'identity',
    'create',
    '--name',
    'Nguyễn Văn An',
    '--title',
    'Chánh Văn phòng',
    '--unit',
    'Văn phòng UBND tỉnh Bình Phước',
    '--email',
    'nguyenvanan@binhphuoc.gov.vn',
  ]);
  await must(
    profileDir,
    [
      'account',
      'add',
      '--email',
      UNIT_EMAIL,
      '--name',
      'Văn phòng UBND tỉnh',
      '--imap-host',
      stack.host,
      '--imap-port',
      String(stack.imapsPort),
      '--imap-security',
      'tls',
      '--smtp-host',
      stack.host,
      '--smtp-port',
      String(stack.submissionPort),
      '--smtp-security',
      'starttls',
      '--ca-file',
      stack.caFile,
      '--password-stdin',
    ],
    `${passwordOf(stack, UNIT_EMAIL)}\n`,
  );
  const recipientCert = join(dir, 'incoming-head.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:3072',
      '-nodes',
      '-keyout',
      join(dir, 'incoming-head.key'),
      '-out',
      recipientCert,
      '-days',
      '30',
      '-utf8',
      '-subj',
      '/CN=Trần Thị Bình/O=Văn phòng UBND tỉnh Bình Phước/emailAddress=tranthibinh@binhphuoc.gov.vn',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment',
    ],
    { stdio: 'ignore' },
  );
  return { profileDir, recipientCert };
}
