import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { rulesFingerprint, type DirectiveRules } from '../directives/directive-rules.ts';
import { reclassifyCache, storedFingerprint, type ReclassifyResult } from '../directives/directive-reclassify.ts';
import { MailCache } from './mail-cache.ts';

interface Reclassifying {
  /** Fingerprint of the rules last handed to the cache. */
  fingerprint: string;
  /** The pass applying them (or the last one), never rejecting. */
  pass: Promise<ReclassifyResult | null>;
  controller: AbortController;
}

/**
 * One cache database per account under `<profile>/cache/`, opened on first use. Whenever the
 * directive rules differ from those a cache was classified with (on open, or after the settings
 * changed), its messages are classified again in the background (directive-reclassify.ts).
 */
export class CacheRegistry {
  private readonly open = new Map<string, MailCache>();
  private readonly reclassifying = new Map<string, Reclassifying>();
  private readonly dir: string;
  private readonly rules: () => DirectiveRules;
  private readonly onReclassified: (accountId: string, result: ReclassifyResult | Error) => void;

  constructor(
    profileDir: string,
    rules: () => DirectiveRules,
    onReclassified: (accountId: string, result: ReclassifyResult | Error) => void = () => {},
  ) {
    this.dir = join(profileDir, 'cache');
    this.rules = rules;
    this.onReclassified = onReclassified;
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
    this.applyRules(accountId, cache);
    return cache;
  }

  /**
   * Resolves when the cache of this account is classified with the current rules: the counts of
   * the background pass that did it (this process), or null when the cache already was.
   */
  async directivesCurrent(accountId: string): Promise<ReclassifyResult | null> {
    this.get(accountId);
    for (;;) {
      const running = this.reclassifying.get(accountId);
      if (!running) return null;
      const result = await running.pass;
      if (this.reclassifying.get(accountId) === running) return result;
    }
  }

  /** Starts a background pass when the rules changed since this cache was last classified. */
  private applyRules(accountId: string, cache: MailCache): void {
    const rules = this.rules();
    const fingerprint = rulesFingerprint(rules);
    const previous = this.reclassifying.get(accountId);
    if (previous?.fingerprint === fingerprint) return;
    cache.setDirectiveRules(rules);
    previous?.controller.abort();
    const controller = new AbortController();
    const after = previous?.pass ?? Promise.resolve(null);
    const pass = after.then(async () => {
      if (controller.signal.aborted || storedFingerprint(cache.db) === fingerprint) return null;
      try {
        const result = await reclassifyCache(cache.db, rules, { signal: controller.signal });
        if (!controller.signal.aborted) this.onReclassified(accountId, result);
        return result;
      } catch (e) {
        if (!controller.signal.aborted) this.onReclassified(accountId, e as Error);
        return null;
      }
    });
    this.reclassifying.set(accountId, { fingerprint, pass, controller });
  }

  /** Deletes an account's cache (the account was removed). */
  remove(accountId: string): void {
    this.stopReclassifying(accountId);
    this.open.get(accountId)?.close();
    this.open.delete(accountId);
    const file = this.fileFor(accountId);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }

  closeAll(): void {
    for (const id of [...this.reclassifying.keys()]) this.stopReclassifying(id);
    for (const cache of this.open.values()) cache.close();
    this.open.clear();
  }

  private stopReclassifying(accountId: string): void {
    this.reclassifying.get(accountId)?.controller.abort();
    this.reclassifying.delete(accountId);
  }
}
