// Proves test/stack/mail-stack.ts starts real, correctly configured servers:
// TLS policy, auth, UTF-8 folders, submission → LMTP delivery, no relaying,
// ACL sharing, and clean parallel start/stop.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';

const VANPHONG: StackUser = { email: 'vanphong@binhphuoc.gov.vn', password: 'ChiDao#2026!' };
const CANBO1: StackUser = { email: 'canbo1@binhphuoc.gov.vn', password: 'CanBo1#2026!' };
const FOLDERS = ['Chỉ đạo', 'Đã xử lý/2024', 'Hồ sơ & Lưu trữ'];

/** imapflow's raw command API is internal (not in its .d.ts). */
interface ImapAttribute {
  type: 'ATOM' | 'STRING';
  value: string;
}
interface RawExec {
  exec(command: string, attributes: ImapAttribute[]): Promise<{ next: () => void }>;
}

function imapClient(stack: MailStack, user: StackUser, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: stack.host,
    port: stack.imapPort,
    secure: false,
    doSTARTTLS: true,
    auth: { user: user.email, pass: user.password },
    tls: { ca: stack.caPem },
    logger: false,
    ...extra,
  });
}

/** Speaks a few raw protocol lines; resolves with everything received. */
function rawDialog(port: number, lines: string[], until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let buf = '';
    let sent = false;
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`timeout, got: ${buf}`));
    }, 5000);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      if (!sent && buf.includes('\r\n')) {
        sent = true;
        sock.write(lines.map((l) => `${l}\r\n`).join(''));
      }
      if (sent && until.test(buf)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(buf);
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function portRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

/** Live (non-zombie) processes belonging to a stack: its dir appears in their
 * command line (dovecot -c, master -c, relay) or environment (postfix children
 * inherit MAIL_CONFIG), or in the dovecot instance name of the process title. */
function stackProcesses(stack: MailStack): number[] {
  const instance = `um-${stack.dir.slice(-6)}/`;
  const found: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3))) continue;
      const cmdline = readFileSync(`/proc/${e}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${e}/environ`, 'utf8');
      if (cmdline.includes(stack.dir) || cmdline.includes(instance) || environ.includes(stack.dir))
        found.push(Number(e));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/**
 * The UID of the INBOX message with this subject, once it is there: searched now, then again each
 * time the server announces new mail (EXISTS) while the client IDLEs. Dovecot reports mail that
 * arrived before the IDLE started when it starts, so no delivery is missed between two searches.
 */
async function waitForSubject(client: ImapFlow, subject: string): Promise<number> {
  await client.mailboxOpen('INBOX', { readOnly: true });
  for (;;) {
    const found = await client.search({ subject }, { uid: true });
    if (found && found.length > 0) return found[0] as number;
    const announced = new Promise<void>((resolve) => client.once('exists', () => resolve()));
    // Runs until the next command (the search above) ends it.
    void client.idle().catch(() => undefined);
    await announced;
  }
}

/** `doveadm` on this stack's Dovecot, with its exit code (auth test exits 77 on a failed login). */
async function doveadm(stack: MailStack, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile('doveadm', ['-c', join(stack.dir, 'dovecot.conf'), ...args], (error, stdout) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code !== 'number') reject(error ?? new Error('doveadm: no exit code'));
      else resolve({ code, stdout });
    });
  });
}

describe('mail stack', () => {
  let stack: MailStack;

  beforeAll(async () => {
    stack = await startMailStack({ users: [VANPHONG, CANBO1], folders: { [VANPHONG.email]: FOLDERS } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('logs in over STARTTLS and offers ACL, CONDSTORE, QRESYNC, MOVE, SPECIAL-USE', async () => {
    const client = imapClient(stack, VANPHONG, { qresync: true });
    await client.connect();
    try {
      expect(client.secureConnection).toBe(true);
      for (const cap of ['ACL', 'CONDSTORE', 'QRESYNC', 'MOVE', 'SPECIAL-USE']) {
        expect(client.capabilities.has(cap), cap).toBe(true);
      }
      await client.mailboxOpen('INBOX');
      expect(client.enabled.has('QRESYNC')).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it('logs in over implicit TLS on the IMAPS port', async () => {
    const client = imapClient(stack, VANPHONG, { port: stack.imapsPort, secure: true, doSTARTTLS: undefined });
    await client.connect();
    expect(client.secureConnection).toBe(true);
    await client.logout();
  });

  it('rejects a server certificate from an unrelated CA', async () => {
    const client = imapClient(stack, VANPHONG, {
      port: stack.imapsPort,
      secure: true,
      doSTARTTLS: undefined,
      tls: { ca: stack.otherCaPem },
    });
    await expect(client.connect()).rejects.toThrow();
  });

  it('refuses plaintext LOGIN before STARTTLS', async () => {
    const reply = await rawDialog(stack.imapPort, [`a1 LOGIN ${VANPHONG.email} "${VANPHONG.password}"`], /^a1 .*\r\n/m);
    expect(reply).toMatch(/LOGINDISABLED/);
    expect(reply).toMatch(/STARTTLS/);
    expect(reply).toMatch(/^a1 NO .*PRIVACYREQUIRED/m);

    const client = imapClient(stack, VANPHONG, { doSTARTTLS: false });
    await expect(client.connect()).rejects.toThrow();
  });

  // What used to be a time bound (each failure answered within 3 s, now in `npm run bench`) is
  // checked on the two Dovecot mechanisms that would slow a failure down.
  it('fails wrong passwords at once, repeatedly: no failure delay, no auth penalty, no lockout', async () => {
    for (let i = 0; i < 3; i++) {
      const client = imapClient(stack, { email: VANPHONG.email, password: `wrong-${i}` });
      const refused = await client.connect().then(
        () => null,
        (e: unknown) => e as { serverResponseCode?: string },
      );
      expect(refused?.serverResponseCode).toBe('AUTHENTICATIONFAILED');
    }
    // Dovecot holds every failed login back (500 ms ticks, even with auth_failure_delay = 0)
    // unless the passdb result carries "nodelay".
    const failed = await doveadm(stack, ['auth', 'test', '-x', 'service=imap', VANPHONG.email, 'wrong-3']);
    expect(failed.code, failed.stdout).toBe(77);
    expect(failed.stdout).toMatch(/^\s*nodelay(=yes)?\s*$/m);
    // Anvil's per-address penalty, which would delay every later attempt from 127.0.0.1, is not kept.
    const penalty = (await doveadm(stack, ['penalty'])).stdout.trim().split('\n');
    expect(penalty[0]).toMatch(/^IP\s+penalty/);
    expect(penalty.slice(1)).toEqual([]);
    // And the right password still gets in from the same address.
    const client = imapClient(stack, VANPHONG);
    await client.connect();
    await client.logout();
  });

  it('lists UTF-8 folders decoded, plus special-use folders', async () => {
    const client = imapClient(stack, VANPHONG);
    await client.connect();
    try {
      const list = await client.list();
      const paths = list.map((m) => m.path);
      expect(paths).toEqual(
        expect.arrayContaining(['INBOX', 'Chỉ đạo', 'Đã xử lý', 'Đã xử lý/2024', 'Hồ sơ & Lưu trữ']),
      );
      const special = Object.fromEntries(list.filter((m) => m.specialUse).map((m) => [m.specialUse, m.path]));
      expect(special).toMatchObject({ '\\Drafts': 'Drafts', '\\Sent': 'Sent', '\\Trash': 'Trash', '\\Junk': 'Junk' });
    } finally {
      await client.logout();
    }
  });

  it('seeds messages with flags via appendMessage', async () => {
    await stack.appendMessage(
      VANPHONG.email,
      'Chỉ đạo',
      'From: a@binhphuoc.gov.vn\nTo: vanphong@binhphuoc.gov.vn\nSubject: =?UTF-8?B?VsSDbiBi4bqjbiBjaOG7iSDEkeG6oW8=?=\n\nNội dung\n',
      ['\\Seen', '\\Flagged'],
    );
    const client = imapClient(stack, VANPHONG);
    await client.connect();
    try {
      await client.mailboxOpen('Chỉ đạo', { readOnly: true });
      const msgs = [];
      for await (const m of client.fetch('1:*', { envelope: true, flags: true })) msgs.push(m);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]?.envelope?.subject).toBe('Văn bản chỉ đạo');
      expect([...(msgs[0]?.flags ?? [])]).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
    } finally {
      await client.logout();
    }
  });

  it('delivers authenticated submission to the local recipient via LMTP', async () => {
    const subject = `Giao việc ${Date.now()}`;
    const transport = nodemailer.createTransport({
      host: stack.host,
      port: stack.submissionPort,
      secure: false,
      requireTLS: true,
      auth: { user: VANPHONG.email, pass: VANPHONG.password },
      tls: { ca: stack.caPem },
    });
    const info = await transport.sendMail({ from: VANPHONG.email, to: CANBO1.email, subject, text: 'Đề nghị xử lý.' });
    expect(info.accepted).toEqual([CANBO1.email]);

    const client = imapClient(stack, CANBO1);
    await client.connect();
    try {
      expect(await waitForSubject(client, subject)).toBeGreaterThan(0);
    } finally {
      await client.logout();
    }
  });

  it('accepts unauthenticated inbound mail for the local domain on the SMTP port', async () => {
    const transport = nodemailer.createTransport({
      host: stack.host,
      port: stack.smtpPort,
      secure: false,
      tls: { ca: stack.caPem },
    });
    const info = await transport.sendMail({
      from: 'someone@example.com',
      to: CANBO1.email,
      subject: 'inbound',
      text: 'x',
    });
    expect(info.accepted).toEqual([CANBO1.email]);
  });

  it('refuses to relay from the SMTP port', async () => {
    const transport = nodemailer.createTransport({
      host: stack.host,
      port: stack.smtpPort,
      secure: false,
      tls: { ca: stack.caPem },
    });
    await expect(
      transport.sendMail({ from: VANPHONG.email, to: 'someone@example.com', subject: 'relay?', text: 'x' }),
    ).rejects.toThrow(/Relay access denied/);
  });

  it('refuses unauthenticated submission, and offers AUTH only after STARTTLS', async () => {
    const transport = nodemailer.createTransport({
      host: stack.host,
      port: stack.submissionPort,
      secure: false,
      requireTLS: true,
      tls: { ca: stack.caPem },
    });
    await expect(
      transport.sendMail({ from: VANPHONG.email, to: 'someone@example.com', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/Access denied|Relay access denied/);
    await expect(
      transport.sendMail({ from: VANPHONG.email, to: CANBO1.email, subject: 'x', text: 'x' }),
    ).rejects.toThrow(/Access denied/);

    const ehlo = await rawDialog(stack.submissionPort, ['EHLO test.invalid'], /^250 .*\r\n/m);
    expect(ehlo).toMatch(/STARTTLS/);
    expect(ehlo).not.toMatch(/AUTH/);
  });

  it('shares a mailbox through IMAP ACL', async () => {
    const owner = imapClient(stack, VANPHONG);
    await owner.connect();
    try {
      await (owner as unknown as RawExec).exec('SETACL', [
        { type: 'ATOM', value: 'INBOX' },
        { type: 'STRING', value: CANBO1.email },
        { type: 'ATOM', value: 'lrs' },
      ]);
    } finally {
      await owner.logout();
    }

    const sharedInbox = `shared/${VANPHONG.email}/INBOX`;
    const reader = imapClient(stack, CANBO1);
    await reader.connect();
    try {
      const paths = (await reader.list()).map((m) => m.path);
      expect(paths).toContain(sharedInbox);
      const box = await reader.mailboxOpen(sharedInbox, { readOnly: true });
      expect(box.path).toBe(sharedInbox);
      // 'lrs' grants no insert right.
      await expect(reader.append(sharedInbox, 'Subject: nope\r\n\r\nx\r\n')).rejects.toThrow();
    } finally {
      await reader.logout();
    }
  });

  it('never writes passwords to the logs', async () => {
    const logs = await stack.logs();
    expect(logs).toMatch(/Login: user=<vanphong@binhphuoc\.gov\.vn>/);
    for (const u of [VANPHONG, CANBO1]) expect(logs.split(u.password)).toHaveLength(1);
  });
});

describe('parallel stacks', () => {
  it('start concurrently on distinct ports, work, and stop without leftovers', async () => {
    const stacks = await Promise.all([
      startMailStack(),
      startMailStack({ domain: 'example.test', users: [{ email: 'a@example.test', password: 'pw-A!' }] }),
    ]);
    const [one, two] = stacks as [MailStack, MailStack];
    try {
      const portsOf = (s: MailStack) => [s.imapPort, s.imapsPort, s.submissionPort, s.smtpPort];
      expect(new Set([...portsOf(one), ...portsOf(two)]).size).toBe(8);
      expect(one.dir).not.toBe(two.dir);

      for (const s of stacks) {
        const user = s.users[0];
        if (!user) throw new Error('stack has no users');
        const client = imapClient(s, user);
        await client.connect();
        await client.logout();
        expect(stackProcesses(s).length).toBeGreaterThan(3);
      }
      // addUser takes effect immediately on a running stack.
      await two.addUser({ email: 'b@example.test', password: 'pw-B!' });
      const late = imapClient(two, { email: 'b@example.test', password: 'pw-B!' });
      await late.connect();
      await late.logout();
    } finally {
      await Promise.all(stacks.map((s) => s.stop()));
    }
    for (const s of stacks) {
      for (const port of [s.imapPort, s.imapsPort, s.submissionPort, s.smtpPort])
        expect(await portRefused(port), `port ${port}`).toBe(true);
      expect(stackProcesses(s)).toEqual([]);
    }
  });
});
