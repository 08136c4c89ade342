import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * The operating system's "this file came from outside" mark on a saved
 * attachment, so the OS's own protections apply when it is opened: Windows'
 * Mark of the Web (SmartScreen, Office Protected View), macOS' quarantine
 * (Gatekeeper) and, on Linux, the freedesktop origin attributes file
 * managers show.
 */
export interface AttachmentOrigin {
  /** Where the file came from: the message's IMAP URL (RFC 5092). */
  originUrl: string;
  /** Who sent it, as a mailto: URL; null when the message has no sender. */
  referrerUrl: string | null;
}

/** The message's IMAP URL (RFC 5092): imap://host[:port]/<folder>/;UID=<uid>. */
export function messageImapUrl(host: string, port: number, folder: string, uid: number): string {
  const path = folder.split('/').map(encodeURIComponent).join('/');
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `imap://${hostPart}${port === 143 ? '' : `:${port}`}/${path}/;UID=${uid}`;
}

/** A mailto: URL for the sender, or null for a missing or odd address. */
export function senderUrl(address: string | null | undefined): string | null {
  if (!address || !/^[^\s@<>"]+@[^\s@<>"]+$/.test(address)) return null;
  return `mailto:${address}`;
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');

/** The content of the `Zone.Identifier` alternate data stream: Internet zone, the sender and the message. */
export function zoneIdentifier(origin: AttachmentOrigin): string {
  const lines = ['[ZoneTransfer]', 'ZoneId=3'];
  if (origin.referrerUrl) lines.push(`ReferrerUrl=${oneLine(origin.referrerUrl)}`);
  lines.push(`HostUrl=${oneLine(origin.originUrl)}`);
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The value of macOS' `com.apple.quarantine` attribute: flags (0081: quarantined, downloaded by
 * an app that is not a browser), the time in hex seconds, the agent's name and an event UUID.
 */
export function quarantineValue(when: Date, agent = 'Hop thu don vi', eventId: string = randomUUID()): string {
  const seconds = Math.floor(when.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `0081;${seconds};${agent.replace(/;/g, ' ')};${eventId.toUpperCase()}`;
}

/** setfattr's argument for a value: hex, so no value is read as an option or an encoding prefix. */
const hexValue = (value: string) => `0x${Buffer.from(value, 'utf8').toString('hex')}`;

export type Exec = (file: string, args: string[]) => Promise<void>;

export const execTool: Exec = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 10_000 }, (error) => (error ? reject(error) : resolve()));
  });

export interface OriginMarkDeps {
  platform: string;
  clock: Clock;
  logger: Pick<Logger, 'log'>;
  exec?: Exec;
}

export type OriginMarkResult = 'marked' | 'skipped';

/** Marks a saved file with its origin; a mark that cannot be written is logged and skipped. */
export async function markOrigin(
  path: string,
  origin: AttachmentOrigin,
  deps: OriginMarkDeps,
): Promise<OriginMarkResult> {
  const exec = deps.exec ?? execTool;
  try {
    if (deps.platform === 'win32') {
      await writeFile(`${path}:Zone.Identifier`, zoneIdentifier(origin), 'utf8');
    } else if (deps.platform === 'darwin') {
      await exec('/usr/bin/xattr', ['-w', 'com.apple.quarantine', quarantineValue(deps.clock.now()), path]);
    } else if (deps.platform === 'linux') {
      await exec('setfattr', ['-n', 'user.xdg.origin.url', '-v', hexValue(origin.originUrl), '--', path]);
      if (origin.referrerUrl) {
        await exec('setfattr', ['-n', 'user.xdg.referrer.url', '-v', hexValue(origin.referrerUrl), '--', path]);
      }
    } else {
      return 'skipped';
    }
    return 'marked';
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT' && deps.platform !== 'win32'
        ? 'tool not installed (setfattr: apt install attr)'
        : err.message;
    deps.logger.log('info', 'origin mark not written on a saved attachment', { platform: deps.platform, why });
    return 'skipped';
  }
}
