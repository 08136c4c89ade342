import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock/clock.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void;
  /** Registers a secret that must never appear in the log, even inside an error text. */
  redact(secret: string): void;
}

/**
 * Line-oriented JSON log in `<profile>/logs/`. Secrets registered with
 * redact() are replaced before anything touches the disk: a server may echo
 * a credential in an error, and the log must still be safe to send to IT.
 */
export class FileLogger implements Logger {
  private readonly file: string;
  private readonly secrets = new Set<string>();
  private readonly clock: Clock;

  constructor(profileDir: string, clock: Clock, name = 'app') {
    this.clock = clock;
    const dir = join(profileDir, 'logs');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `${name}.log`);
  }

  redact(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
  }

  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void {
    let line = JSON.stringify({ t: this.clock.now().toISOString(), level, message, ...fields });
    for (const secret of this.secrets) line = line.split(secret).join('[redacted]');
    appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
  }
}

export const nullLogger: Logger = { log: () => {}, redact: () => {} };
