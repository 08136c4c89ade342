// One connection to the directory for one lookup: connect, StartTLS (ldap://) or TLS (ldaps://),
// bind (anonymous or as the user), run, unbind. Plain LDAP is never used: the directory answers
// with names and addresses of officials, and a user bind sends the mailbox password.
// The whole lookup runs under one deadline, TLS handshake included (ldapts has no timer there).
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, ResultCodeError } from 'ldapts';
import { AppError } from '../errors/app-error.ts';
import type { DirectoryConfig } from './directory-config.ts';
import { classifyLdapError } from './ldap-errors.ts';
import { loginFilter, userDnFromTemplate } from './ldap-filter.ts';

/** The user's own mailbox login, for bind 'user'. */
export interface DirectoryLogin {
  login: string;
  password: string;
}

/** Where to connect and how to authenticate, resolved from the configuration. */
export interface SessionTarget {
  config: DirectoryConfig;
  /** Required for bind 'user'; ignored for 'anonymous'. */
  login?: DirectoryLogin | undefined;
}

async function tlsOptions(config: DirectoryConfig): Promise<ConnectionOptions> {
  const { hostname } = new URL(config.url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = { host, minVersion: 'TLSv1.2' };
  if (!isIP(host)) options.servername = host;
  if (config.caFile) {
    try {
      options.ca = [await readFile(config.caFile, 'utf8')];
    } catch (e) {
      throw new AppError('DIRECTORY_NOT_CONFIGURED', `CA file ${config.caFile}: ${(e as Error).message}`, {
        messageVi: `Không đọc được tệp CA của danh bạ điện tử (${config.caFile}). Hãy báo Trung tâm CNTT.`,
      });
    }
  }
  return options;
}

async function bind(client: Client, target: SessionTarget): Promise<void> {
  const { config, login } = target;
  if (config.bind === 'anonymous') return;
  if (!login) throw new AppError('SECRET_MISSING', 'directory bind "user" needs the mailbox login');
  let dn: string;
  if (config.userDn) dn = userDnFromTemplate(config.userDn, login.login);
  else {
    // Search, then bind: find the user's entry anonymously by mail or uid.
    const { searchEntries } = await client.search(config.baseDn, {
      scope: 'sub',
      filter: loginFilter(login.login),
      attributes: ['1.1'],
      sizeLimit: 2,
    });
    const found = searchEntries[0];
    if (searchEntries.length !== 1 || !found) {
      throw new AppError('AUTH_FAILED', `LDAP ${config.url}: ${searchEntries.length} entries for the login`, {
        messageVi:
          'Không tìm thấy tài khoản của bạn trong danh bạ điện tử để đăng nhập. Trung tâm CNTT cần cấu hình "userDn".',
      });
    }
    dn = found.dn;
  }
  // An empty password would be an unauthenticated bind (RFC 4513 §5.1.2) that "succeeds".
  if (login.password.length === 0) throw new AppError('AUTH_FAILED', 'empty password for the directory bind');
  await client.bind(dn, login.password);
}

async function connect(client: Client, target: SessionTarget, tls: ConnectionOptions, secure: boolean): Promise<void> {
  if (!secure) {
    await client.startTLS(tls).catch((e: unknown) => {
      // An LDAP result (not a socket or TLS error) to the StartTLS request: the server refused it.
      if (!(e instanceof ResultCodeError)) throw e;
      throw new AppError('CAPABILITY_MISSING', `LDAP ${target.config.url}: StartTLS refused: ${e.message}`, {
        messageVi: 'Máy chủ danh bạ điện tử không hỗ trợ StartTLS; hãy dùng ldaps:// hoặc báo Trung tâm CNTT.',
      });
    });
  }
  await bind(client, target);
}

/**
 * Runs `fn` on a connected, bound client and closes it, all within the configured timeout.
 * Every failure comes out as a typed AppError (unreachable, timeout, TLS, bad bind…).
 */
export async function withDirectory<T>(target: SessionTarget, fn: (client: Client) => Promise<T>): Promise<T> {
  const { config } = target;
  const timeoutMs = config.timeoutSeconds * 1000;
  const secure = config.url.toLowerCase().startsWith('ldaps:');
  let timer: NodeJS.Timeout | undefined;
  let client: Client | null = null;
  try {
    const tls = await tlsOptions(config);
    const opened = new Client({
      url: config.url,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      ...(secure ? { tlsOptions: tls } : {}),
    });
    client = opened;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new AppError('TIMEOUT', `LDAP ${config.url}: no answer within ${timeoutMs} ms`, {
            messageVi: 'Máy chủ danh bạ điện tử không trả lời kịp thời.',
          }),
        );
      }, timeoutMs);
    });
    const work = connect(opened, target, tls, secure).then(() => fn(opened));
    // Whichever loses the race must not surface later as an unhandled rejection.
    work.catch(() => undefined);
    return await Promise.race([work, deadline]);
  } catch (e) {
    throw classifyLdapError(e, config.url);
  } finally {
    clearTimeout(timer);
    // unbind() also destroys the socket, which ends a handshake or a search still pending.
    if (client) await closeQuietly(client);
  }
}

/** Unbinds and drops the socket; never waits more than a second (a stalled socket may not answer). */
async function closeQuietly(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.unbind().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1000);
    }),
  ]);
  clearTimeout(timer);
}
