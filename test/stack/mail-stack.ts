// Private, real mail servers for tests: one Dovecot (IMAP, IMAPS, LMTP, SASL)
// and one Postfix (inbound "port 25" + submission) per call, each with its own
// temp dir, free ports, per-run CA and config. Nothing touches /etc/dovecot,
// /etc/postfix or the system daemons, and nothing is ever relayed off-box.
//
// Must run as root (Dovecot/Postfix drop privileges to dovecot/dovenull/postfix
// and the Debian `mail` user themselves). Linux only: relies on 127.0.0.2
// being a loopback address (see the IMAP relay note below).

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { realClockEnv } from '../support/real-clock-env.ts';

export interface StackUser {
  email: string;
  password: string;
}

export interface MailStack {
  dir: string;
  host: '127.0.0.1';
  imapPort: number;
  imapsPort: number;
  submissionPort: number;
  smtpPort: number;
  caPem: string;
  caFile: string;
  otherCaPem: string;
  otherCaFile: string;
  domain: string;
  users: StackUser[];
  /** Adds a user, or resets an existing user's password (as the IT Centre would). */
  addUser(user: StackUser): Promise<void>;
  createFolder(email: string, path: string): Promise<void>;
  appendMessage(email: string, folder: string, rfc822: string | Buffer, flags?: string[]): Promise<void>;
  logs(): Promise<string>;
  /**
   * Writes `count` messages straight into a folder's Maildir (for benchmarks at
   * 100,000 messages, where APPEND would take minutes), then lets Dovecot index them.
   */
  bulkSeed(email: string, folder: string, count: number, make: (i: number) => string): Promise<void>;
  /** Kills Dovecot with SIGKILL (a crash: connections drop mid-command); mail on disk stays. */
  crashImap(): Promise<void>;
  /** Starts Dovecot again on the same ports and data, after crashImap(). */
  restartImap(): Promise<void>;
  /** Kills Postfix with SIGKILL (submission refuses connections until restartSmtp()); its queue stays. */
  crashSmtp(): Promise<void>;
  /** Starts Postfix again on the same ports and queue, after crashSmtp(). */
  restartSmtp(): Promise<void>;
  stop(): Promise<void>;
}

export interface MailStackOptions {
  users?: StackUser[];
  domain?: string;
  /** email → utf-8 folder paths ('/' separated) created at start */
  folders?: Record<string, string[]>;
  /** false: no IMAP ACL commands and no ACL capability (a server where only credential delegation works). */
  aclCommands?: boolean;
  /** Postfix message_size_limit (bytes, announced as SIZE in EHLO); Postfix's default 10,240,000 otherwise. */
  messageSizeLimit?: number;
}

const DEFAULT_DOMAIN = 'binhphuoc.gov.vn';
const DEFAULT_USERS: readonly StackUser[] = [
  { email: 'vanphong@binhphuoc.gov.vn', password: 'ChiDao#2026!' },
  { email: 'canbo1@binhphuoc.gov.vn', password: 'CanBo1#2026!' },
];
// Debian's `mail` user: exists on every Debian/Ubuntu, so no useradd is needed.
const MAIL_UID = 8;
const MAIL_GID = 8;
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

// ---------------------------------------------------------------------------
// Crash safety, three layers:
//  1. stop() (normal path);
//  2. process 'exit' hook, plus SIGINT/SIGTERM/SIGHUP when nobody else handles
//     them: synchronously SIGKILL every process group we spawned that is still
//     live (exit handlers cannot await), remove the dirs;
//  3. a detached watchdog per stack that does the same once the process that
//     started the stack is gone, which covers SIGKILL/OOM of a test worker.

const liveGroups = new Set<number>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function killAllSync(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
  for (const dir of liveDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
  liveDirs.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // Someone else (vitest, test/stack/cli.ts) handles this signal and will
      // shut down in order (stop(), then the 'exit' hook): stay out of the way.
      if (process.listenerCount(signal) > 1) return;
      killAllSync();
      process.off(signal, onSignal);
      process.kill(process.pid, signal); // default action: terminate
    };
    process.on(signal, onSignal);
  }
}

const WATCHDOG_SOURCE = `import { readFileSync, rmSync } from 'node:fs';
const [parent, dir, ...groups] = process.argv.slice(2);
// A zombie parent is dead too: PID 1 in minimal containers may never reap it.
const alive = (pid) => {
  try {
    const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
};
setInterval(() => {
  if (alive(parent)) return;
  for (const g of groups) { try { process.kill(-Number(g), 'SIGKILL'); } catch {} }
  try { rmSync(dir, { recursive: true, force: true }); } catch {}
  process.exit(0);
}, 500);
process.on('SIGTERM', () => process.exit(0));
`;

// ---------------------------------------------------------------------------
// small process helpers

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], opts: { input?: string | Buffer } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      } else {
        resolve({ stdout, stderr });
      }
    });
    // execFile always pipes stdin: close it so nothing waits for input, and
    // ignore EPIPE from commands that exit without reading it.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}

/** PIDs whose process group is `pgid` (via /proc, no pgrep by name). */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // rest: state ppid pgrp ...
      if (Number(rest[2]) === pgid && rest[0] !== 'Z' && rest[0] !== 'X') out.push(Number(e));
    } catch {
      // raced with exit
    }
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** true if `p` settled within `ms`. Clears its timer, so a won race leaves
 * nothing behind that keeps the test process alive. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// ports

// Ports handed out by this process and not yet released: the kernel may give
// a just-closed port to the next bind(0), so two stacks starting at the same
// time in one process could otherwise collide. Cross-process collisions are
// handled by retrying the whole start (see startMailStack).
const reservedPorts = new Set<number>();

async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: net.Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, host, () => resolve());
      });
      const addr = srv.address();
      if (addr && typeof addr === 'object' && !reservedPorts.has(addr.port)) {
        ports.push(addr.port);
      }
    }
  } finally {
    // Hold all of them open until every port is picked, so the batch is distinct.
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
  for (const p of ports) reservedPorts.add(p);
  return ports;
}

function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    sock.setTimeout(1000);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('timeout', () => {
      sock.destroy();
      resolve(true); // SYN not refused: something is there
    });
    sock.once('error', () => resolve(false));
  });
}

/** Read until `pattern` shows up in the greeting (IMAP "* OK", SMTP "220 "). */
function readGreeting(port: number, pattern: RegExp, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let buf = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no greeting on ${port}: ${JSON.stringify(buf)}`));
    }, timeoutMs);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (pattern.test(buf)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(buf);
      }
    });
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.once('close', () => {
      clearTimeout(timer);
      reject(new Error(`connection to ${port} closed before greeting: ${JSON.stringify(buf)}`));
    });
  });
}

// ---------------------------------------------------------------------------
// TLS material

// EC P-256: keygen is instant, unlike RSA, and every TLS stack involved accepts it.
const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function makeCa(dir: string, name: string, cn: string): Promise<{ pem: string; file: string; key: string }> {
  const file = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', ...NEW_EC_KEY, '-keyout', key, '-out', file, '-days', '30',
    '-subj', `/O=unit-mailbox tests/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { pem: await readFile(file, 'utf8'), file, key };
}

async function makeTls(dir: string, domain: string) {
  const tag = randomBytes(4).toString('hex');
  const [ca, other] = await Promise.all([
    makeCa(dir, 'ca', `unit-mailbox test CA ${tag}`),
    makeCa(dir, 'other-ca', `unrelated test CA ${tag}`),
  ]);
  const certFile = join(dir, 'server.pem');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const ext = join(dir, 'server.ext');
  await run('openssl', ['req', '-new', ...NEW_EC_KEY, '-keyout', keyFile, '-out', csr, '-subj', `/CN=mail.${domain}`]);
  await writeFile(
    ext,
    [
      `subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:mail.${domain}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  // prettier-ignore
  await run('openssl', [
    'x509', '-req', '-in', csr, '-CA', ca.file, '-CAkey', ca.key, '-days', '30',
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-extfile', ext, '-out', certFile,
  ]);
  // The CA keys have no further use; removing them keeps signing keys out of the dir.
  await Promise.all([rm(ca.key), rm(other.key), rm(csr), rm(ext)]);
  return { ca, other, certFile, keyFile };
}

// ---------------------------------------------------------------------------
// config writers

/** Dovecot {SSHA512}: base64(sha512(password || salt) || salt). Salted, needs no
 * external tool, and keeps passwords (and ':' in them) out of the passwd-file. */
function ssha512(password: string): string {
  const salt = randomBytes(16);
  const digest = createHash('sha512').update(password, 'utf8').update(salt).digest();
  return `{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** One passwd-file per user (`passwd.d/%u`), not one shared file: Dovecot
 * stats a passwd-file at most once per second (last_sync_time ==
 * ioloop_time), so a user appended right after a lookup would stay unknown
 * for up to a second. A file it has never opened is read on first use. */
async function writePasswdEntry(l: Layout, user: StackUser): Promise<void> {
  const file = join(l.passwd, user.email.toLowerCase()); // %u is lowercased (auth_username_format = %Lu)
  // user:password:uid:gid:gecos:home:shell:extra
  await writeFile(file, `${user.email.toLowerCase()}:${ssha512(user.password)}:${MAIL_UID}:${MAIL_GID}::::\n`, {
    mode: 0o640,
  });
  await chown(file, 0, systemId('group', 'dovecot'));
}

function checkEmail(email: string): void {
  // passwd-file / postfix table / doveadm args: keep it to plain addresses.
  if (!/^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$/.test(email)) throw new Error(`unsupported test address: ${email}`);
}

interface Layout {
  dir: string;
  run: string; // dovecot base_dir (unix sockets: keep the path short)
  dovecotConf: string;
  passwd: string; // directory: one passwd-file per user (see writePasswdEntry)
  mail: string;
  pfConf: string;
  pfQueue: string;
  pfData: string;
  vmailbox: string;
}

interface Ports {
  imap: number; // public, relay → dovecot on 127.0.0.2
  imapInner: number; // dovecot plain IMAP on 127.0.0.2
  imaps: number;
  lmtp: number;
  smtp: number;
  submission: number;
}

function dovecotConf(
  l: Layout,
  p: Ports,
  domain: string,
  tls: { certFile: string; keyFile: string },
  instance: string,
  aclCommands: boolean,
): string {
  return `# generated by test/stack/mail-stack.ts — standalone, no /etc/dovecot includes
protocols = imap lmtp
listen = 127.0.0.1
instance_name = ${instance}
base_dir = ${l.run}
state_dir = ${l.dir}/state
log_path = ${l.dir}/dovecot.log
info_log_path = ${l.dir}/dovecot-info.log
debug_log_path = ${l.dir}/dovecot-info.log
default_internal_user = dovecot
default_login_user = dovenull

ssl = yes
ssl_cert = <${tls.certFile}
ssl_key = <${tls.keyFile}
disable_plaintext_auth = yes

auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes
auth_verbose_passwords = no
auth_debug = no
auth_debug_passwords = no

first_valid_uid = ${MAIL_UID}
first_valid_gid = ${MAIL_GID}
mail_home = ${l.mail}/%d/%n
mail_location = maildir:${l.mail}/%d/%n/Maildir
mail_plugins = acl
mail_shared_explicit_inbox = yes
mail_fsync = never
mail_max_userip_connections = 200
postmaster_address = postmaster@${domain}
hostname = mail.${domain}

# Dovecot queues every auth failure and answers in 500 ms ticks
# (AUTH_FAILURE_DELAY_CHECK_MSECS), even with auth_failure_delay = 0, unless
# the request carries the "nodelay" field. Fields of a failing passdb are
# rolled back, so set it from a first passdb that only adds fields
# (noauthenticate ⇒ result NEXT ⇒ its fields are kept).
passdb {
  driver = static
  args = noauthenticate nodelay=yes
}
passdb {
  driver = passwd-file
  args = scheme=SSHA512 username_format=%u ${l.passwd}/%u
}
userdb {
  driver = passwd-file
  args = username_format=%u ${l.passwd}/%u
  default_fields = uid=${MAIL_UID} gid=${MAIL_GID}
}

namespace inbox {
  type = private
  separator = /
  prefix =
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
namespace shared {
  type = shared
  separator = /
  prefix = shared/%%u/
  location = maildir:${l.mail}/%%d/%%n/Maildir:INDEXPVT=${l.mail}/%d/%n/shared/%%u
  subscriptions = no
  list = children
}

plugin {
  # cache_secs=0: every IMAP process re-stat()s dovecot-acl before each rights lookup, so a
  # DELETEACL binds the delegate's open sessions at once (the default caches for 30 s).
  # The first field is the global ACL path, empty here: "vfile:cache_secs=0" would
  # silently take "cache_secs=0" for that path and keep the 30 s cache (Dovecot 2.3).
  acl = vfile::cache_secs=0
  # in mail/ because the dict file is rewritten by user processes (uid mail)
  acl_shared_dict = file:${l.mail}/shared-mailboxes.db
}

protocol imap {
  mail_plugins = $mail_plugins${aclCommands ? ' imap_acl' : ''}
}

service imap-login {
  # Plain IMAP is reached through the relay on 127.0.0.1:${p.imap}; see relay note.
  inet_listener imap {
    address = 127.0.0.2
    port = ${p.imapInner}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${p.imaps}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${p.lmtp}
  }
}
service auth {
  # Postfix smtpd (runs as user postfix, not chrooted) authenticates here.
  unix_listener auth-postfix {
    mode = 0666
  }
}
service anvil {
  # No anvil-auth-penalty socket for the auth process => no per-IP failure
  # penalty, so wrong-password tests stay fast. (The documented way to turn
  # the penalty off in 2.3; auth_failure_delay alone does not.)
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  # imap/lmtp run as the mail user and would log "permission denied" noise.
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
}

/** Debian's master.cf with: chroot off everywhere, smtp inet moved to
 * 127.0.0.1:<smtp>, pipe(8) services (maildrop, uucp, …) dropped, and a
 * submission service added. */
function masterCf(template: string, l: Layout, p: Ports): string {
  const out: string[] = ['# generated by test/stack/mail-stack.ts from Debian master.cf'];
  let skipping = false;
  for (const line of template.split('\n')) {
    if (/^\s*(#|$)/.test(line)) {
      out.push(line);
      continue;
    }
    if (/^\s/.test(line)) {
      if (!skipping) out.push(line);
      continue;
    }
    const f = line.trim().split(/\s+/);
    skipping = f[7] === 'pipe';
    if (skipping || f.length < 8) continue;
    if (f[0] === 'smtp' && f[1] === 'inet') f[0] = `127.0.0.1:${p.smtp}`;
    else if (f[1] === 'inet') continue; // nothing else may listen publicly
    f[4] = 'n'; // chroot: the queue dir is not a populated chroot
    out.push(f.join('\t'));
  }
  out.push(
    `127.0.0.1:${p.submission}\tinet\tn\t-\tn\t-\t-\tsmtpd`,
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    '  -o smtpd_tls_auth_only=yes',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_sasl_type=dovecot',
    `  -o smtpd_sasl_path=${l.run}/auth-postfix`,
    '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    '',
  );
  return out.join('\n');
}

function mainCf(l: Layout, p: Ports, domain: string, tls: { certFile: string; keyFile: string }): string {
  const blocked = 'error:outbound mail disabled in test stack';
  return `# generated by test/stack/mail-stack.ts
compatibility_level = 3.6
queue_directory = ${l.pfQueue}
data_directory = ${l.pfData}
maillog_file = ${l.dir}/postfix.log
maillog_file_prefixes = ${l.dir}
myhostname = mail.${domain}
mydomain = ${domain}
myorigin = $mydomain
mydestination =
relayhost =
mynetworks = 127.0.0.1/32
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
alias_maps =
alias_database =
local_recipient_maps =
smtpd_peername_lookup = no
biff = no

virtual_mailbox_domains = ${domain}
virtual_mailbox_maps = hash:${l.vmailbox}
virtual_transport = lmtp:inet:127.0.0.1:${p.lmtp}
# Nothing ever leaves the machine.
default_transport = ${blocked}
relay_transport = ${blocked}
smtp_dns_support_level = disabled

# No SASL on the inbound port (only submission enables it), so
# permit_sasl_authenticated is a no-op there and relaying is impossible.
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions =

smtpd_tls_cert_file = ${tls.certFile}
smtpd_tls_key_file = ${tls.keyFile}
smtpd_tls_security_level = may
smtp_tls_security_level = none
`;
}

// ---------------------------------------------------------------------------
// The plain-IMAP relay.
//
// Dovecot treats a connection whose remote IP equals its local IP as
// "secured" (login-common/client-common.c: secured = ssl || trusted ||
// net_ip_compare(remote_ip, local_ip)), so on 127.0.0.1→127.0.0.1
// disable_plaintext_auth has no effect and LOGIN works without STARTTLS; even
// ssl=required is bypassed. To get a real "LOGINDISABLED until STARTTLS" port
// at 127.0.0.1, Dovecot's plain listener binds 127.0.0.2 and a byte-level TCP
// relay (separate process, so a test blocking its own event loop, e.g. with
// spawnSync, cannot stall IMAP) listens on 127.0.0.1:imapPort. TLS via
// STARTTLS passes through the relay untouched.
const RELAY_SOURCE = `import net from 'node:net';
const [listenPort, targetPort] = process.argv.slice(2).map(Number);
const server = net.createServer({ pauseOnConnect: true }, (client) => {
  const upstream = net.connect({ host: '127.0.0.2', port: targetPort });
  const close = () => { client.destroy(); upstream.destroy(); };
  upstream.once('connect', () => { client.pipe(upstream); upstream.pipe(client); client.resume(); });
  for (const s of [client, upstream]) { s.on('error', close); s.on('close', close); }
});
server.on('error', (e) => { console.error('relay: ' + e.message); process.exit(1); });
server.listen(listenPort, '127.0.0.1', () => console.log('relay listening on 127.0.0.1:' + listenPort));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
`;

// ---------------------------------------------------------------------------

interface Daemon {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null;
}

/**
 * The servers run on the machine's real clock even when the tests do not (scripts/test-shifted.sh
 * moves the test processes' wall clock with libfaketime): Dovecot's master clears the environment
 * of the processes it starts, so only some of them would inherit the shift, and the master then
 * sees time jump back by the shift and stops launching services for minutes. A mail server whose
 * clock differs from its clients' is an ordinary situation the app has to live with anyway. So daemons
 * get realClockEnv().
 */
function spawnDaemon(name: string, cmd: string, args: string[], logFile: string): Daemon {
  // Never inherit the runner's stdio: a daemon holding vitest's stdout/stderr
  // pipes keeps the runner from ever finishing.
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: realClockEnv() });
  } finally {
    closeSync(fd);
  }
  const d: Daemon = {
    name,
    child,
    exitInfo: null,
    exited: new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        d.exitInfo = { code, signal };
        resolve();
      });
      child.once('error', (err) => {
        d.exitInfo = { code: -1, signal: null };
        void appendFile(logFile, `spawn error: ${err.message}\n`).catch(() => undefined);
        resolve();
      });
    }),
  };
  // detached ⇒ the child is leader of its own process group (pgid = pid),
  // which is what stop() and the exit hook kill.
  if (child.pid !== undefined) liveGroups.add(child.pid);
  // Do not keep the event loop alive for the daemon; 'exit' is still delivered.
  child.unref();
  return d;
}

async function tailLogs(l: Layout, lines = 40): Promise<string> {
  const txt = await collectLogs(l);
  return txt.split('\n').slice(-lines).join('\n');
}

async function collectLogs(l: Layout): Promise<string> {
  const files = [
    'dovecot.log',
    'dovecot-info.log',
    'dovecot.out',
    'postfix.log',
    'postfix.out',
    'relay.out',
    'watchdog.out',
  ];
  const parts: string[] = [];
  for (const f of files) {
    try {
      parts.push(`==> ${f} <==\n${await readFile(join(l.dir, f), 'utf8')}`);
    } catch {
      // not created (yet)
    }
  }
  return parts.join('\n');
}

async function killDaemon(d: Daemon): Promise<void> {
  const pid = d.child.pid;
  if (pid === undefined) return;
  if (d.exitInfo === null) {
    // Re-ref while we wait, or an otherwise idle process could exit before
    // the 'exit' event arrives.
    d.child.ref();
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!(await within(d.exited, STOP_TIMEOUT_MS / 2))) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
      await within(d.exited, 2000);
    }
  }
  // Stragglers in the daemon's own process group (imap, auth, smtpd, qmgr…):
  // both masters signal their children on SIGTERM but do not wait for them.
  const deadline = Date.now() + STOP_TIMEOUT_MS / 2;
  let signal: NodeJS.Signals = 'SIGTERM';
  for (;;) {
    const members = groupMembers(pid);
    if (members.length === 0) break;
    if (Date.now() > deadline) signal = 'SIGKILL';
    try {
      process.kill(-pid, signal);
    } catch {
      break;
    }
    await sleep(50);
    if (Date.now() > deadline + 2000) break;
  }
  liveGroups.delete(pid);
}

async function waitPortsClosed(endpoints: Array<[host: string, port: number]>): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  for (const [host, port] of endpoints) {
    while ((await portOpen(port, host)) && Date.now() < deadline) await sleep(50);
  }
}

/** Serializes seeding commands (doveadm) within one stack. */
function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
}

function masterCfTemplate(): string {
  // The pristine package copy; /etc/postfix/master.cf may carry local edits.
  for (const f of ['/usr/share/postfix/master.cf.dist', '/etc/postfix/master.cf']) {
    if (existsSync(f)) return readFileSync(f, 'utf8');
  }
  throw new Error('postfix master.cf template not found (is postfix installed?)');
}

/** uid/gid of a system account created by the dovecot/postfix packages. */
function systemId(db: 'passwd' | 'group', name: string): number {
  const line = readFileSync(`/etc/${db}`, 'utf8')
    .split('\n')
    .find((x) => x.startsWith(`${name}:`));
  const id = Number(line?.split(':')[2]);
  if (!line || !Number.isInteger(id))
    throw new Error(`system ${db === 'passwd' ? 'user' : 'group'} '${name}' not found`);
  return id;
}

/** The queue tree `postfix check` would create (post-install create-missing),
 * made directly: `postfix check` costs 1.5–4 s per run. Layout and modes as in
 * /etc/postfix/postfix-files. */
async function createQueueTree(l: Layout): Promise<void> {
  const postfix = systemId('passwd', 'postfix');
  const postdrop = systemId('group', 'postdrop');
  const dirs: Array<[string, number, number, number]> = [
    ['pid', 0, 0, 0o755],
    ['public', postfix, postdrop, 0o710],
    ['maildrop', postfix, postdrop, 0o730],
    ...[
      'active',
      'bounce',
      'corrupt',
      'defer',
      'deferred',
      'flush',
      'hold',
      'incoming',
      'private',
      'saved',
      'trace',
    ].map((d): [string, number, number, number] => [d, postfix, 0, 0o700]),
  ];
  await Promise.all(
    dirs.map(async ([name, uid, gid, mode]) => {
      const path = join(l.pfQueue, name);
      await mkdir(path);
      await chown(path, uid, gid);
      await chmod(path, mode); // after chown: mkdir's mode is masked by umask
    }),
  );
}

class RetryableStartError extends Error {}

export async function startMailStack(opts: MailStackOptions = {}): Promise<MailStack> {
  let lastErr: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      lastErr = err;
      // Port picked by bind(0) then released can be taken by another process
      // (another vitest worker's stack, an outgoing connection) before the
      // daemon binds it. Only that case is retried.
      if (!(err instanceof RetryableStartError)) throw err;
    }
  }
  throw lastErr;
}

async function startOnce(opts: MailStackOptions): Promise<MailStack> {
  const t0 = Date.now();
  const trace = (what: string): void => {
    if (process.env.MAIL_STACK_DEBUG) process.stderr.write(`[mail-stack] ${what} +${Date.now() - t0}ms\n`);
  };
  if (process.getuid?.() !== 0)
    throw new Error('startMailStack must run as root (dovecot/postfix drop privileges themselves)');
  installExitHook();

  const domain = opts.domain ?? DEFAULT_DOMAIN;
  const users: StackUser[] = (
    opts.users ?? DEFAULT_USERS.map((u) => ({ ...u, email: u.email.replace(/@.*$/, `@${domain}`) }))
  ).map((u) => ({ ...u }));
  for (const u of users) checkEmail(u.email);

  // /tmp, never $HOME: the mail user and dovenull must traverse every parent.
  const dir = await mkdtemp('/tmp/um-stack-');
  liveDirs.add(dir);
  const l: Layout = {
    dir,
    run: join(dir, 'run'),
    dovecotConf: join(dir, 'dovecot.conf'),
    passwd: join(dir, 'passwd.d'),
    mail: join(dir, 'mail'),
    pfConf: join(dir, 'pf'),
    pfQueue: join(dir, 'pfq'),
    pfData: join(dir, 'pfd'),
    vmailbox: join(dir, 'pf', 'vmailbox'),
  };
  const daemons: Daemon[] = [];
  let ports: Ports | null = null;

  const teardown = async (opts: { waitPorts: boolean }): Promise<void> => {
    // Reverse start order: watchdog was put first so it goes last.
    for (const d of [...daemons].reverse()) {
      await killDaemon(d);
      trace(`stopped ${d.name}`);
    }
    if (ports) {
      // After a failed start a port may be held by whoever won the race for
      // it, so only a normal stop() waits for them to close.
      if (opts.waitPorts) {
        const { imapInner, ...outer } = ports;
        await waitPortsClosed([
          ...Object.values(outer).map((port): [string, number] => ['127.0.0.1', port]),
          ['127.0.0.2', imapInner],
        ]);
      }
      for (const p of Object.values(ports)) reservedPorts.delete(p);
    }
    await rm(dir, { recursive: true, force: true });
    liveDirs.delete(dir);
  };

  try {
    await chmod(dir, 0o755);
    await Promise.all([
      mkdir(l.run, { mode: 0o755 }),
      mkdir(join(dir, 'state'), { mode: 0o755 }),
      mkdir(l.mail),
      mkdir(l.pfConf, { mode: 0o755 }),
      mkdir(l.pfQueue, { mode: 0o755 }),
      mkdir(l.pfData),
    ]);
    await chown(l.mail, MAIL_UID, MAIL_GID);
    await chmod(l.mail, 0o755);
    await chown(l.pfData, systemId('passwd', 'postfix'), 0);
    await chmod(l.pfData, 0o700);

    const [tls, [imap = 0, imaps = 0, lmtp = 0, smtp = 0, submission = 0], [imapInner = 0]] = await Promise.all([
      makeTls(dir, domain),
      freePorts(5),
      freePorts(1, '127.0.0.2'),
    ]);
    ports = { imap, imapInner, imaps, lmtp, smtp, submission };
    trace('tls + ports');
    const p = ports;

    // passwd-file: user:password:uid:gid:gecos:home:shell:extra
    await mkdir(l.passwd, { mode: 0o750 });
    await chown(l.passwd, 0, systemId('group', 'dovecot'));
    for (const u of users) await writePasswdEntry(l, u);

    const instance = `um-${dir.slice(-6)}`;
    await writeFile(l.dovecotConf, dovecotConf(l, p, domain, tls, instance, opts.aclCommands !== false), {
      mode: 0o644,
    });
    await writeFile(
      join(l.pfConf, 'main.cf'),
      mainCf(l, p, domain, tls) + (opts.messageSizeLimit ? `message_size_limit = ${opts.messageSizeLimit}\n` : ''),
    );
    await writeFile(join(l.pfConf, 'master.cf'), masterCf(masterCfTemplate(), l, p));
    await writeFile(l.vmailbox, users.map((u) => `${u.email} OK\n`).join(''));
    // Postfix re-reads main.cf/master.cf in 300 ms steps for as long as their
    // mtime is in the current second (guard against half-written files): a
    // freshly written config costs every postfix command ~1-2 s. Backdate them.
    const past = new Date(Date.now() - 60_000);
    await Promise.all(['main.cf', 'master.cf'].map((f) => utimes(join(l.pfConf, f), past, past)));
    await writeFile(join(dir, 'relay.mjs'), RELAY_SOURCE);

    // Dovecot (and its relay) first: Postfix needs its auth socket and LMTP.
    // Meanwhile build Postfix's queue tree and recipient table.
    daemons.push(spawnDaemon('dovecot', 'dovecot', ['-F', '-c', l.dovecotConf], join(dir, 'dovecot.out')));
    daemons.push(
      spawnDaemon(
        'imap-relay',
        process.execPath,
        [join(dir, 'relay.mjs'), String(p.imap), String(p.imapInner)],
        join(dir, 'relay.out'),
      ),
    );
    trace('dovecot spawned');
    await Promise.all([createQueueTree(l), run('postmap', ['-c', l.pfConf, `hash:${l.vmailbox}`])]);
    trace('queue + postmap');
    const daemonDir = (await run('postconf', ['-c', l.pfConf, '-h', 'daemon_directory'])).stdout.trim();
    // master directly, not `postfix start-fg`: start-fg forks master from
    // postfix-script (so the PID we hold is a shell, and master setsid()s into
    // another group) and re-runs the ~1 s integrity check. -d keeps it in the
    // foreground with our log file as stdio. MAIL_CONFIG via -c.
    daemons.push(spawnDaemon('postfix', join(daemonDir, 'master'), ['-c', l.pfConf, '-d'], join(dir, 'postfix.out')));
    const groups = daemons.map((d) => d.child.pid).filter((pid): pid is number => pid !== undefined);
    await writeFile(join(dir, 'watchdog.mjs'), WATCHDOG_SOURCE);
    // First in the list so teardown (reverse order) stops it last.
    daemons.unshift(
      spawnDaemon(
        'watchdog',
        process.execPath,
        [join(dir, 'watchdog.mjs'), String(process.pid), dir, ...groups.map(String)],
        join(dir, 'watchdog.out'),
      ),
    );

    await waitReady(l, daemons, p);
    trace('ready');

    const seed = serial();
    const doveadm = (args: string[], input?: string | Buffer) =>
      run('doveadm', ['-c', l.dovecotConf, ...args], input === undefined ? {} : { input });

    const stack: MailStack = {
      dir,
      host: '127.0.0.1',
      imapPort: p.imap,
      imapsPort: p.imaps,
      submissionPort: p.submission,
      smtpPort: p.smtp,
      caPem: tls.ca.pem,
      caFile: tls.ca.file,
      otherCaPem: tls.other.pem,
      otherCaFile: tls.other.file,
      domain,
      users,
      addUser: (user) =>
        seed(async () => {
          checkEmail(user.email);
          // A new per-user passwd-file is read on first lookup, and Postfix
          // daemons restart themselves when a hash: table changes, so the
          // user works at once without reloading either daemon.
          const existing = users.findIndex((u) => u.email.toLowerCase() === user.email.toLowerCase());
          await writePasswdEntry(l, user);
          if (existing >= 0) {
            // A password reset: Dovecot re-stats a passwd-file at most once a second, so a
            // login in the same second would still see the old password.
            await new Promise((r) => setTimeout(r, 1100));
            users[existing] = { ...user };
            return;
          }
          await appendFile(l.vmailbox, `${user.email} OK\n`);
          await run('postmap', ['-c', l.pfConf, `hash:${l.vmailbox}`]);
          users.push({ ...user });
        }),
      createFolder: (email, path) =>
        seed(async () => {
          // doveadm takes UTF-8 names and stores them mUTF-7 encoded itself.
          await doveadm(['mailbox', 'create', '-s', '-u', email, path]);
        }),
      appendMessage: (email, folder, rfc822, flags) =>
        seed(async () => {
          // doveadm save has no flags option: note UIDNEXT first, save, then
          // flag exactly that UID (safe because seeding is serialized).
          const status = await doveadm(['-f', 'flow', 'mailbox', 'status', '-u', email, 'uidnext', folder]);
          const m = /uidnext=(\d+)/.exec(status.stdout);
          if (!m) throw new Error(`cannot read UIDNEXT of ${folder}: ${status.stdout}`);
          const body = typeof rfc822 === 'string' ? rfc822.replace(/\r?\n/g, '\r\n') : rfc822;
          await doveadm(['save', '-u', email, '-m', folder], body);
          if (flags && flags.length > 0) {
            await doveadm(['flags', 'add', '-u', email, flags.join(' '), 'mailbox', folder, 'uid', m[1] ?? '']);
          }
        }),
      logs: () => collectLogs(l),
      bulkSeed: (email, folder, count, make) =>
        seed(async () => {
          const out = (await doveadm(['-f', 'flow', 'mailbox', 'path', '-u', email, folder])).stdout.trim();
          const path = out
            .replace(/^path=/, '')
            .split('\n')
            .pop()
            ?.trim();
          if (!path) throw new Error(`bulkSeed: no Maildir path for ${folder}`);
          const cur = join(path, 'cur');
          await mkdir(cur, { recursive: true });
          const stamp = Math.floor(Date.now() / 1000);
          for (let i = 0; i < count; i += 1000) {
            await Promise.all(
              Array.from({ length: Math.min(1000, count - i) }, async (_, k) => {
                const n = i + k;
                const file = join(cur, `${stamp}.M${n}P${process.pid}.bench:2,`);
                await writeFile(file, make(n).replace(/\r?\n/g, '\r\n'));
                await chown(file, MAIL_UID, MAIL_GID);
              }),
            );
          }
          await run('chown', ['-R', `${MAIL_UID}:${MAIL_GID}`, path]);
          // Index now, so the first SELECT in a benchmark does not pay for it.
          await doveadm(['force-resync', '-u', email, folder]);
        }),
      crashImap: () => killDaemon('dovecot'),
      restartImap: async () => {
        const i = daemons.findIndex((x) => x.name === 'dovecot');
        if (i === -1 || daemons[i]?.exitInfo === null) throw new Error('restartImap: dovecot is still running');
        daemons[i] = spawnDaemon('dovecot', 'dovecot', ['-F', '-c', l.dovecotConf], join(dir, 'dovecot.out'));
        const deadline = Date.now() + READY_TIMEOUT_MS;
        for (;;) {
          try {
            await readGreeting(p.imap, /^\* OK .*\r\n/);
            if (await portOpen(p.imaps)) break;
          } catch {
            // not yet
          }
          if (Date.now() > deadline) throw new Error('restartImap: dovecot did not come back');
          await sleep(50);
        }
      },
      crashSmtp: () => killDaemon('postfix'),
      restartSmtp: async () => {
        const i = daemons.findIndex((x) => x.name === 'postfix');
        if (i === -1 || daemons[i]?.exitInfo === null) throw new Error('restartSmtp: postfix is still running');
        // A killed master leaves its pid file behind; a new master refuses to start while it is there.
        await rm(join(l.pfQueue, 'pid', 'master.pid'), { force: true });
        daemons[i] = spawnDaemon(
          'postfix',
          join(daemonDir, 'master'),
          ['-c', l.pfConf, '-d'],
          join(dir, 'postfix.out'),
        );
        const deadline = Date.now() + READY_TIMEOUT_MS;
        for (;;) {
          try {
            await readGreeting(p.submission, /^220 .*\r\n/);
            break;
          } catch {
            // not yet
          }
          if (Date.now() > deadline) throw new Error('restartSmtp: postfix did not come back');
          await sleep(50);
        }
      },
      stop: (() => {
        let stopping: Promise<void> | null = null;
        return () => (stopping ??= teardown({ waitPorts: true }));
      })(),
    };
    async function killDaemon(name: string): Promise<void> {
      const d = daemons.find((x) => x.name === name);
      const pid = d?.child.pid;
      if (!d || pid === undefined || d.exitInfo !== null) return;
      d.child.ref();
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await within(d.exited, 5000);
      // Children of a killed master (imap, auth) are in its group too.
      for (let i = 0; i < 40 && groupMembers(pid).length > 0; i++) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          break;
        }
        await sleep(50);
      }
      liveGroups.delete(pid);
    }

    for (const [email, paths] of Object.entries(opts.folders ?? {})) {
      for (const path of paths) await stack.createFolder(email, path);
    }
    trace('folders');
    return stack;
  } catch (err) {
    const tail = await tailLogs(l, 60).catch(() => '');
    await teardown({ waitPorts: false }).catch(() => undefined);
    if (err instanceof RetryableStartError) throw err;
    if (err instanceof Error) err.message += tail ? `\n--- mail stack log tail ---\n${tail}` : '';
    throw err;
  }
}

async function waitReady(l: Layout, daemons: Daemon[], p: Ports): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const checks: Array<[string, () => Promise<unknown>]> = [
    ['IMAP greeting on imapPort (via relay)', () => readGreeting(p.imap, /^\* OK .*\r\n/)],
    ['IMAPS listener', () => portOpen(p.imaps).then((ok) => ok || Promise.reject(new Error('closed')))],
    ['SMTP 220 on submissionPort', () => readGreeting(p.submission, /^220 .*\r\n/)],
    ['SMTP 220 on smtpPort', () => readGreeting(p.smtp, /^220 .*\r\n/)],
  ];
  for (const [what, check] of checks) {
    for (;;) {
      const dead = daemons.find((d) => d.exitInfo !== null);
      if (dead) {
        const logs = await tailLogs(l, 60);
        const msg = `${dead.name} exited during start-up (${JSON.stringify(dead.exitInfo)}) while waiting for ${what}`;
        // Dovecot/relay log EADDRINUSE; Postfix master dies silently with
        // status 1 before its log service is up, which in practice means bind().
        if (/Address already in use|EADDRINUSE/.test(logs) || (dead.name === 'postfix' && dead.exitInfo?.code === 1)) {
          throw new RetryableStartError(`${msg}\n${logs}`);
        }
        throw new Error(msg);
      }
      try {
        await check();
        break;
      } catch (err) {
        if (Date.now() > deadline) {
          throw new Error(`mail stack not ready after ${READY_TIMEOUT_MS} ms: ${what}: ${(err as Error).message}`, {
            cause: err,
          });
        }
        await sleep(50);
      }
    }
  }
}
