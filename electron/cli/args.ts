// Argument parsing and option helpers shared by the CLI's command groups.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AppServices } from '../services/app-services.ts';
import { UsageError } from './usage.ts';
import type { Clock } from '../services/clock/clock.ts';

export interface CliIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** The CLI's "now"; the entry point leaves it out and gets the system clock. */
  clock?: Clock;
}

const OPTIONS = {
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  email: { type: 'string' },
  account: { type: 'string' },
  folder: { type: 'string', multiple: true },
  limit: { type: 'string' },
  refresh: { type: 'boolean' },
  uid: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  username: { type: 'string' },
  'imap-host': { type: 'string' },
  'imap-port': { type: 'string' },
  'imap-security': { type: 'string' },
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-security': { type: 'string' },
  'ca-file': { type: 'string' },
  'allow-insecure': { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  // identity
  title: { type: 'string' },
  unit: { type: 'string' },
  out: { type: 'string' },
  // handover
  'recipient-cert': { type: 'string' },
  tar: { type: 'boolean' },
  witness: { type: 'string' },
  place: { type: 'string' },
  ca: { type: 'string' },
  'expect-signer': { type: 'string' },
  'account-email': { type: 'string' },
  restore: { type: 'boolean' },
  // delegation, sending
  to: { type: 'string', multiple: true },
  role: { type: 'string' },
  rights: { type: 'string' },
  folders: { type: 'string' },
  from: { type: 'string' },
  until: { type: 'string' },
  fix: { type: 'boolean' },
  'allow-admin': { type: 'boolean' },
  // sending
  as: { type: 'string' },
  cc: { type: 'string', multiple: true },
  bcc: { type: 'string', multiple: true },
  subject: { type: 'string' },
  'body-file': { type: 'string' },
  'body-stdin': { type: 'boolean' },
  'html-file': { type: 'string' },
  attach: { type: 'string', multiple: true },
  'reply-to-uid': { type: 'string' },
  sign: { type: 'boolean' },
  'request-receipt': { type: 'boolean' },
  'confirm-outside-domain': { type: 'boolean' },
  // ledger
  mailbox: { type: 'string' },
  status: { type: 'string' },
  assignee: { type: 'string' },
  year: { type: 'string' },
  deadline: { type: 'string' },
  note: { type: 'string' },
  'result-message-id': { type: 'string' },
  offset: { type: 'string' },
  'no-index': { type: 'boolean' },
  format: { type: 'string' },
} satisfies ParseArgsConfig['options'];

export type Values = ReturnType<typeof parse>['values'];

export function parse(argv: string[]) {
  const flagged = argv.find((a) => a === '--password' || a.startsWith('--password='));
  if (flagged) throw new UsageError('passwords are never accepted as a flag value: use --password-stdin or the prompt');
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export interface Output {
  data: unknown;
  text: string;
  /** 0 unless the command completed but found a problem (e.g. an invalid package: 1). */
  exitCode?: number;
}

/** Signature of a command group living in ./commands/. */
export type CommandGroup = (
  sub: string | undefined,
  args: string[],
  v: Values,
  s: AppServices,
  io: CliIo,
) => Promise<Output>;

export function single(values: string[] | undefined, flag = '--folder'): string | undefined {
  if (values && values.length > 1) throw new UsageError(`${flag} may be given only once here`);
  return values?.[0];
}

/** The account named by --account; without it, the only account of the profile (when there is exactly one). */
export function requireAccount(v: Values, s: AppServices): string {
  if (v.account !== undefined) return s.accounts.get(required(v.account, '--account')).id;
  const accounts = s.accounts.list();
  if (accounts.length === 1) return (accounts[0] as (typeof accounts)[number]).id;
  throw new UsageError(
    accounts.length === 0
      ? 'no account in this profile yet: add one with `account add` (or check --profile)'
      : `--account is required: this profile has ${accounts.length} accounts (${accounts.map((a) => a.email).join(', ')})`,
    { showUsage: false },
  );
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

export function intOption(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return n;
}
