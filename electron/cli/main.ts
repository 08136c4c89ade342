// Headless CLI over the same services as the app, for IT staff and automation.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ACCOUNT_KINDS, SECURITY_MODES, type AccountDraft, type SecurityMode } from '../../shared/account.ts';
import type { AppServices } from '../services/app-services.ts';
import { AppError, toAppError } from '../services/errors/app-error.ts';
import { defaultProfileDir } from '../services/profile/profile-dir.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { formatAccounts, formatDirectives, formatHits, formatMessage } from './format.ts';
import { progressBar } from './progress.ts';
import { promptPassword, readPasswordFromStdin } from './password-input.ts';
import { USAGE, UsageError } from './usage.ts';
import {
  intOption,
  parse,
  required,
  requireAccount,
  single,
  type CliIo,
  type CommandGroup,
  type Output,
  type Values,
} from './args.ts';
import { systemClock } from '../services/clock/clock.ts';

export type { CliIo } from './args.ts';

// Command groups and the services are loaded when a command needs them: `--help`, usage
// errors and `handover verify` then start without loading IMAP, SQLite, PDF and keychain code.
const COMMAND_GROUPS = {
  identity: async () => (await import('./commands/identity.ts')).identityCommands,
  handover: async () => (await import('./commands/handover.ts')).handoverCommands,
  delegate: async () => (await import('./commands/delegate.ts')).delegateCommands,
  shared: async () => (await import('./commands/delegate.ts')).sharedCommand,
  send: async () => (await import('./commands/send.ts')).sendCommand,
  outbox: async () => (await import('./commands/outbox.ts')).outboxCommands,
  receipts: async () => (await import('./commands/receipts.ts')).receiptsCommand,
  ledger: async () => (await import('./commands/ledger.ts')).ledgerCommands,
  audit: async () => (await import('./commands/audit.ts')).auditCommands,
} satisfies Record<string, () => Promise<CommandGroup>>;

/** Commands without a subcommand: everything after the command name is their own arguments. */
const FLAT_COMMANDS = new Set(['shared', 'send', 'receipts']);

/** Runs one command; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const clock = io.clock ?? systemClock;
  let services: AppServices | undefined;
  let json = false;
  try {
    const { values, positionals } = parse(argv);
    json = values.json === true;
    if (values.help || positionals.length === 0) {
      io.stdout.write(USAGE);
      return positionals.length === 0 && !values.help ? 2 : 0;
    }
    if (positionals[0] === 'handover' && positionals[1] === 'verify') {
      if (positionals.length !== 3)
        throw new UsageError('handover verify takes exactly one PATH (bag directory or .tar)');
      const { verifyCommand } = await import('./commands/handover-verify.ts');
      const result = await verifyCommand(positionals[2] as string, values, io, clock);
      io.stdout.write(json ? `${JSON.stringify(result.data, null, 2)}\n` : `${result.text}\n`);
      return result.exitCode ?? 0;
    }
    const profileDir = values.profile ?? io.env.UNIT_MAILBOX_PROFILE ?? defaultProfileDir();
    assertProfileExists(profileDir, values.profile ?? io.env.UNIT_MAILBOX_PROFILE, positionals);
    const [{ createAppServices, headlessDialogs }, { OsKeychain }, { FileLogger }] = await Promise.all([
      import('../services/app-services.ts'),
      import('../services/keychain/os-keychain.ts'),
      import('../services/logging/logger.ts'),
    ]);
    services = createAppServices({
      profileDir,
      secrets: new OsKeychain(),
      clock,
      logger: new FileLogger(profileDir, clock, 'cli'),
      dialogs: headlessDialogs,
      openExternal: async () => {
        throw new AppError('VALIDATION', 'the CLI does not open links');
      },
      // The app's own version (package.json, bundled at build time): bag-info and records name it.
      appVersion: packageJson.version,
      platform: process.platform,
      syncWorkerUrl: workerEntry('sync/sync-worker'),
      exportWorkerUrl: workerEntry('handover/export/fetch-worker'),
    });
    const result = await dispatch(positionals, values, services, io);
    io.stdout.write(json ? `${JSON.stringify(result.data, null, 2)}\n` : `${result.text}\n`);
    return result.exitCode ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`unit-mailbox: ${e.message}\n${e.showUsage ? `\n${USAGE}` : ''}`);
      return 2;
    }
    const error = toAppError(e);
    io.stderr.write(`unit-mailbox: ${error.messageVi} (${error.code}: ${error.detail})\n`);
    if (json) io.stdout.write(`${JSON.stringify({ error: error.toPayload() }, null, 2)}\n`);
    return 1;
  } finally {
    await services?.dispose();
  }
}

async function dispatch(positionals: string[], v: Values, s: AppServices, io: CliIo): Promise<Output> {
  const [command, sub] = positionals;
  const noExtra = (n: number) => {
    if (positionals.length > n) throw new UsageError(`unexpected argument: ${positionals[n]}`);
  };
  switch (command) {
    case 'account':
      noExtra(2);
      return accountCommand(sub, v, s, io);
    case 'folders':
      noExtra(1);
      return (await import('./commands/cache-read.ts')).foldersCommand(v, s, io);
    case 'messages':
      noExtra(1);
      return (await import('./commands/cache-read.ts')).messagesCommand(v, s, io);
    case 'show': {
      noExtra(1);
      const uid = intOption('--uid', required(v.uid, '--uid'), 1, 2 ** 32 - 1);
      const message = await s.mail.message(requireAccount(v, s), required(single(v.folder), '--folder'), uid);
      return { data: message, text: formatMessage(message) };
    }
    case 'sync': {
      noExtra(1);
      const accountId = requireAccount(v, s);
      const bar = progressBar(io.stderr);
      const off = s.events.on('sync.progress', bar);
      try {
        // The text index covers what was synced before this returns (a script can search next), unless --no-index.
        const summary = await s.sync.start(accountId, v.folder, { index: v['no-index'] !== true });
        const notIndexed = s.caches
          .get(accountId)
          .index.coverage()
          .reduce((n, c) => n + c.pending, 0);
        return {
          data: { ...summary, notIndexed },
          text:
            `Đã đồng bộ / synced: ${summary.folders} folders, ${summary.messages} messages (+${summary.added} ~${summary.updated} -${summary.removed}) in ${summary.durationMs} ms` +
            (notIndexed ? `\nChưa lập chỉ mục nội dung / text not indexed yet: ${notIndexed} messages` : ''),
        };
      } finally {
        off();
      }
    }
    case 'search': {
      if (positionals.length !== 2) throw new UsageError('search takes exactly one QUERY argument (quote it)');
      // Any --limit (no hidden maximum) and --offset; the total is always printed.
      const limit = v.limit === undefined ? 50 : intOption('--limit', v.limit, 1, Number.MAX_SAFE_INTEGER);
      const offset = v.offset === undefined ? 0 : intOption('--offset', v.offset, 0, Number.MAX_SAFE_INTEGER);
      const page = await s.mail.search(requireAccount(v, s), sub as string, { offset, limit });
      const hits = page.hits.map((h) => ({
        folder: h.folder,
        uid: h.uid,
        date: h.date,
        from: h.from[0]?.address ?? '',
        subject: h.subject,
        source: h.source,
      }));
      const shown = page.hits.length ? `${offset + 1}–${offset + page.hits.length}` : '0';
      const server = page.serverFolders.length
        ? `\nĐã tìm thêm trên máy chủ / also searched on the server (not indexed yet): ${page.serverFolders.join(', ')}` +
          (page.serverUnavailable ? ' — không kết nối được / server not reachable' : '')
        : '';
      return {
        data: { total: page.total, offset, limit, serverFolders: page.serverFolders, hits },
        text: `${formatHits(page.hits)}\n${shown} / ${page.total} kết quả / results${server}`,
      };
    }
    case 'directives': {
      noExtra(1);
      // Like `messages`: any --limit (no hidden maximum), --offset, and "N of M" stated.
      const limit = v.limit === undefined ? 100 : intOption('--limit', v.limit, 1, Number.MAX_SAFE_INTEGER);
      const offset = v.offset === undefined ? 0 : intOption('--offset', v.offset, 0, Number.MAX_SAFE_INTEGER);
      const cache = s.caches.get(requireAccount(v, s));
      const list = cache.directives(limit, offset);
      const total = cache.directiveCount();
      const range = list.length ? `${offset + 1}–${offset + list.length}` : '0';
      const more = offset + list.length < total ? ' (--offset/--limit để xem tiếp / to see more)' : '';
      return {
        data: { total, offset, shown: list.length, directives: list },
        text: `${formatDirectives(list)}\n${range} / ${total} chỉ đạo / directives${more}`,
      };
    }
    case 'identity':
    case 'handover':
    case 'delegate':
    case 'shared':
    case 'send':
    case 'outbox':
    case 'receipts':
    case 'ledger':
    case 'audit': {
      const group = await COMMAND_GROUPS[command]();
      const flat = FLAT_COMMANDS.has(command);
      return group(flat ? undefined : sub, positionals.slice(flat ? 1 : 2), v, s, io);
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

/** Commands that only read: a --profile naming no directory is a typo, never a new empty profile. */
const READ_ONLY = new Set([
  'folders',
  'messages',
  'show',
  'search',
  'directives',
  'sync',
  'account list',
  'account test',
]);

function assertProfileExists(profileDir: string, explicit: string | undefined, positionals: string[]): void {
  const [command, sub] = positionals;
  const readOnly = READ_ONLY.has(command ?? '') || READ_ONLY.has(`${command} ${sub}`);
  if (explicit === undefined || !readOnly || existsSync(profileDir)) return;
  throw new UsageError(
    `no profile at ${profileDir} (check --profile / UNIT_MAILBOX_PROFILE): \`${positionals.slice(0, 2).join(' ')}\` does not create one. ` +
      `Không có hồ sơ tại ${profileDir}.`,
    { showUsage: false },
  );
}

/** A built worker sits next to the built CLI; from sources (tests) it is the .ts file under services/. */
function workerEntry(source: string): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL(`../services/${source}.ts`, import.meta.url)
    : new URL(`./${source.split('/').pop() as string}.js`, import.meta.url);
}

async function accountCommand(sub: string | undefined, v: Values, s: AppServices, io: CliIo): Promise<Output> {
  switch (sub) {
    case 'list': {
      const accounts = s.accounts.list();
      return { data: accounts, text: formatAccounts(accounts) };
    }
    case 'add': {
      const draft = await draftFromOptions(v);
      const password = v['password-stdin']
        ? await readPasswordFromStdin(io.stdin)
        : await promptPassword(io.stdin as NodeJS.ReadStream, io.stderr);
      const account = await s.accounts.add(draft, password);
      return { data: account, text: `Đã thêm tài khoản / account added: ${account.email}` };
    }
    case 'test': {
      const account = s.accounts.get(required(v.email ?? v.account, '--email'));
      const { imap } = await s.accounts.credentials(account.id);
      const result = await s.accounts.test(account, imap.password);
      return {
        data: { email: account.email, ...result },
        text: `IMAP OK (${result.imap.capabilities.length} capabilities), SMTP OK: ${account.email}`,
      };
    }
    case 'remove': {
      const account = s.accounts.get(required(v.email ?? v.account, '--email'));
      await s.removeAccount(account.id);
      return { data: { removed: account.email }, text: `Đã xóa tài khoản / account removed: ${account.email}` };
    }
    default:
      throw new UsageError(`unknown account command: ${sub ?? '(none)'}`);
  }
}

async function draftFromOptions(v: Values): Promise<AccountDraft> {
  const kind = v.kind ?? 'unit';
  if (!(ACCOUNT_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind must be one of ${ACCOUNT_KINDS.join(', ')}`);
  let caPem: string | undefined;
  if (v['ca-file']) {
    try {
      caPem = await readFile(v['ca-file'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --ca-file: ${(e as Error).message}`);
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError('--ca-file is not a PEM certificate');
  }
  return {
    kind: kind as AccountDraft['kind'],
    displayName: v.name ?? '',
    email: required(v.email, '--email'),
    ...(v.username ? { username: v.username } : {}),
    imap: {
      host: required(v['imap-host'], '--imap-host'),
      port: intOption('--imap-port', required(v['imap-port'], '--imap-port'), 1, 65535),
      security: security(v['imap-security'], '--imap-security'),
    },
    smtp: {
      host: required(v['smtp-host'], '--smtp-host'),
      port: intOption('--smtp-port', required(v['smtp-port'], '--smtp-port'), 1, 65535),
      security: security(v['smtp-security'], '--smtp-security'),
    },
    ...(caPem ? { caPem } : {}),
    allowInsecure: v['allow-insecure'] === true,
  };
}

function security(value: string | undefined, flag: string): SecurityMode {
  const mode = value ?? 'tls';
  if (!(SECURITY_MODES as readonly string[]).includes(mode))
    throw new UsageError(`${flag} must be one of ${SECURITY_MODES.join(', ')}`);
  return mode as SecurityMode;
}
