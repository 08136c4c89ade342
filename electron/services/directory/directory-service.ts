// The province's electronic directory (danh bạ điện tử, Art. 5) as the app uses it: configured by
// the IT Centre in `<profileDir>/directory.json` (read on each call, so a new deployment needs no
// restart), searched and expanded over LDAP with TLS, as anonymous or as the user (the mailbox
// login and password from the keychain).
import type { DirectorySearchResult, DirectoryStatus, GroupExpansion } from '../../../shared/directory.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import { directoryConfigView, loadDirectoryConfig, type DirectoryConfig } from './directory-config.ts';
import { expandGroup, findGroup, searchEntries } from './directory-lookup.ts';
import { withDirectory, type DirectoryLogin, type SessionTarget } from './ldap-session.ts';

export interface DirectoryServiceDeps {
  /** `<profileDir>/directory.json`, or where the host says. */
  configFile: string;
  /** The mailbox login and password of an account, for bind 'user' (AccountService.credentials). */
  login(accountId: string): Promise<DirectoryLogin>;
}

export class DirectoryService {
  private readonly deps: DirectoryServiceDeps;

  constructor(deps: DirectoryServiceDeps) {
    this.deps = deps;
  }

  /** The configuration in force, or null when none is deployed or it is invalid. */
  async config(): Promise<DirectoryConfig | null> {
    return (await loadDirectoryConfig(this.deps.configFile)).config;
  }

  /**
   * What the settings screen shows; with `check` (and an account for bind 'user') it also
   * connects, binds and reads the base entry, and says whether that worked and why not.
   */
  async status(options: { accountId?: string | undefined; check?: boolean } = {}): Promise<DirectoryStatus> {
    const loaded = await loadDirectoryConfig(this.deps.configFile);
    const status: DirectoryStatus = {
      configured: loaded.config !== null,
      source: loaded.source,
      error: loaded.error,
      config: loaded.config ? directoryConfigView(loaded.config) : null,
      reachable: null,
      problem: null,
    };
    if (!loaded.config || !options.check) return status;
    const config = loaded.config;
    try {
      const target = await this.target(config, options.accountId);
      await withDirectory(target, (client) =>
        client.search(config.baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] }),
      );
      status.reachable = true;
    } catch (e) {
      const err = toAppError(e);
      status.reachable = false;
      status.problem = { code: err.code, messageVi: err.messageVi, detail: err.detail };
    }
    return status;
  }

  /** People, units and groups whose name holds every typed word ("nguyen van a" finds "Nguyễn Văn An"). */
  async search(accountId: string | undefined, query: string, limit: number): Promise<DirectorySearchResult> {
    const config = await this.required();
    const target = await this.target(config, accountId);
    return withDirectory(target, (client) => searchEntries(client, config, query, limit));
  }

  /** A group, by DN or by name, expanded to its members' addresses. */
  async expandGroup(accountId: string | undefined, ref: { dn?: string; name?: string }): Promise<GroupExpansion> {
    const config = await this.required();
    const target = await this.target(config, accountId);
    return withDirectory(target, async (client) => expandGroup(client, await findGroup(client, config, ref)));
  }

  private async required(): Promise<DirectoryConfig> {
    const loaded = await loadDirectoryConfig(this.deps.configFile);
    if (loaded.config) return loaded.config;
    throw new AppError('DIRECTORY_NOT_CONFIGURED', loaded.error ?? `no directory configuration at ${loaded.source}`, {
      ...(loaded.error ? { messageVi: loaded.error } : {}),
    });
  }

  private async target(config: DirectoryConfig, accountId: string | undefined): Promise<SessionTarget> {
    if (config.bind === 'anonymous') return { config };
    if (!accountId) {
      throw new AppError('VALIDATION', 'directory bind "user" needs an account', {
        messageVi: 'Danh bạ điện tử yêu cầu đăng nhập bằng tài khoản thư của bạn; hãy chọn một tài khoản.',
      });
    }
    return { config, login: await this.deps.login(accountId) };
  }
}
