import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import { MailCache } from './mail-cache.ts';

/** One cache database per account under `<profile>/cache/`, opened on first use. */
export class CacheRegistry {
  private readonly open = new Map<string, MailCache>();
  private readonly dir: string;
  private readonly rules: () => DirectiveRules;

  constructor(profileDir: string, rules: () => DirectiveRules) {
    this.dir = join(profileDir, 'cache');
    this.rules = rules;
  }

  fileFor(accountId: string): string {
    return join(this.dir, `${accountId.replace(/[^A-Za-z0-9-]/g, '_')}.sqlite`);
  }

  get(accountId: string): MailCache {
    let cache = this.open.get(accountId);
    if (!cache) {
      cache = new MailCache(this.fileFor(accountId), this.rules());
      this.open.set(accountId, cache);
    }
    return cache;
  }

  /** Deletes an account's cache (the account was removed). */
  remove(accountId: string): void {
    this.open.get(accountId)?.close();
    this.open.delete(accountId);
    const file = this.fileFor(accountId);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }

  closeAll(): void {
    for (const cache of this.open.values()) cache.close();
    this.open.clear();
  }
}
