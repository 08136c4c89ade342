// The baseline: isync's mbsync pulling the whole mailbox into a fresh Maildir
// over the same port and TLS mode as the export (STARTTLS by default, or
// IMAPS) with the stack's CA, with its stock settings (it
// fsyncs each message, as ours should be compared against a tool that is safe
// after a crash). The password reaches mbsync through PassCmd from the
// environment, so it is never written to the config file. It connects to
// "localhost": mbsync 1.4 matches only DNS names of the server certificate,
// not its IP address SAN.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measuredRun, type RunStats } from './measured-run.ts';

export const MBSYNC = '/usr/bin/mbsync';

export interface MbsyncTarget {
  imapsPort: number;
  /** When set: connect to this plain IMAP port and upgrade with STARTTLS instead of using implicit TLS. */
  starttlsPort?: number;
  user: string;
  password: string;
  caFile: string;
}

/** The port mbsync connects to (and whose connections are counted). */
export const mbsyncPort = (t: MbsyncTarget) => t.starttlsPort ?? t.imapsPort;

export interface MbsyncResult extends RunStats {
  messages: number;
  bytes: number;
}

export function mbsyncConfig(t: MbsyncTarget, maildir: string): string {
  return `# written by test/bench/handover/mbsync-baseline.ts
IMAPAccount src
Host localhost
Port ${mbsyncPort(t)}
User ${t.user}
PassCmd "printenv UM_BENCH_IMAP_PASSWORD"
SSLType ${t.starttlsPort === undefined ? 'IMAPS' : 'STARTTLS'}
CertificateFile ${t.caFile}

IMAPStore far
Account src

MaildirStore near
Path ${maildir}/
Inbox ${maildir}/INBOX
SubFolders Verbatim

Channel pull
Far :far:
Near :near:
Patterns * !UnitMailbox !UnitMailbox/*
Create Near
Sync Pull
Expunge None
CopyArrivalDate yes
SyncState *
`;
}

/** Counts message files (cur/ and new/) and their bytes under a Maildir tree. */
export function countMaildir(root: string): { messages: number; bytes: number } {
  let messages = 0;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (!e.isDirectory()) continue;
      if (e.name === 'cur' || e.name === 'new') {
        for (const f of readdirSync(p, { withFileTypes: true })) {
          if (!f.isFile()) continue;
          messages++;
          bytes += statSync(join(p, f.name)).size;
        }
      } else if (e.name !== 'tmp') walk(p);
    }
  };
  walk(root);
  return { messages, bytes };
}

/** One full pull into `workDir` (which must not exist yet or be empty). */
export async function mbsyncPull(t: MbsyncTarget, workDir: string): Promise<MbsyncResult> {
  const maildir = join(workDir, 'Maildir');
  mkdirSync(maildir, { recursive: true });
  const cfg = join(workDir, 'mbsyncrc');
  writeFileSync(cfg, mbsyncConfig(t, maildir), { mode: 0o600 });
  const r = await measuredRun(MBSYNC, ['-q', '-c', cfg, '-a'], {
    env: { ...process.env, UM_BENCH_IMAP_PASSWORD: t.password },
    watchPorts: [mbsyncPort(t)],
  });
  if (r.exitCode !== 0) throw new Error(`mbsync exited ${r.exitCode}: ${r.stderr.slice(-2000)}`);
  return { ...r, ...countMaildir(maildir) };
}
