import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock/clock.ts';
import { REDACTED, Redactor } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a log line may carry: plain values, nested objects and arrays, Errors (with their causes). */
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** Registers a secret that must never appear in the log, even inside an error text. */
  redact(secret: string): void;
}

/** Fields the line itself owns; a field of the same name is kept under `field.<name>`. */
const OWN_KEYS = new Set(['t', 'level', 'message']);

/**
 * The JSON line for one entry, redacted before it is serialised: sensitive
 * field names lose their values at any depth, registered secrets are cut out
 * of every string (message, values, error messages and stacks) in their raw,
 * JSON-escaped, base64 and URL-encoded forms; the finished line is searched
 * once more for any form.
 */
export function logLine(redactor: Redactor, t: string, level: LogLevel, message: string, fields?: LogFields): string {
  const record: Record<string, unknown> = { t, level, message: redactor.text(message) };
  const clean = (fields ? redactor.value(fields) : {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(clean)) record[OWN_KEYS.has(key) ? `field.${key}` : key] = value;
  return redactor.text(JSON.stringify(record));
}

/**
 * Line-oriented JSON log in `<profile>/logs/`. Secrets registered with
 * redact() are replaced before anything touches the disk: a server may echo
 * a credential in an error, and the log must still be safe to send to IT.
 */
export class FileLogger implements Logger {
  private readonly file: string;
  private readonly redactor = new Redactor();
  private readonly clock: Clock;

  constructor(profileDir: string, clock: Clock, name = 'app') {
    this.clock = clock;
    const dir = join(profileDir, 'logs');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `${name}.log`);
  }

  redact(secret: string): void {
    this.redactor.add(secret);
  }

  log(level: LogLevel, message: string, fields?: LogFields): void {
    let line: string;
    try {
      line = logLine(this.redactor, this.clock.now().toISOString(), level, message, fields);
    } catch {
      line = JSON.stringify({ t: this.clock.now().toISOString(), level, message: REDACTED, unloggable: true });
    }
    appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
  }
}

export const nullLogger: Logger = { log: () => {}, redact: () => {} };
