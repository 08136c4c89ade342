// Delegation of a unit mailbox without sharing its password (Art. 9, 10):
// rights granted with IMAP ACL (RFC 4314) to each delegate's own account,
// every act recorded in the signed register inside the mailbox. For servers
// without ACL, the fallback the regulation allows: the credential sealed to
// one delegate's certificate, revoked by a password reset.
import type { ImapFlow } from 'imapflow';
import type { AccountSummary } from '../../../shared/account.ts';
import {
  abilitiesOf,
  normalizeRights,
  rightsInWords,
  rightsMinus,
  type AclSupport,
  type CheckReport,
  type DelegationOverview,
  type DriftFinding,
  type FolderAcl,
  type GrantRequest,
  type GrantResult,
  type RegisterRecordDto,
  type RevokeResult,
  type SharedMailbox,
} from '../../../shared/delegation.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import type { AccountService } from '../accounts/account-service.ts';
import { envelopeFor, openEnvelope } from '../cms/cms.ts';
import { AppError } from '../errors/app-error.ts';
import { certificateInfo, parseCertificates, sha256Fingerprint } from '../identity/certificates.ts';
import type { Decryptor, Signer } from '../identity/signer.ts';
import { deleteAcl, getAcl, hasAcl, myRights, setAcl } from '../imap/imap-acl.ts';
import { connectImap, type ImapCredentials } from '../imap/imap-connection.ts';
import type { Logger } from '../logging/logger.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { accountDraftOf, decodeCredential, encodeCredential } from '../accounts/sealed-credential.ts';
import { findDrift, type LiveFolderAcl } from './drift.ts';
import { currentGrants } from './grants.ts';
import { loadLocalState, saveLocalState } from './local-state.ts';
import { aclSupport, removeEverywhere, requireAcl, checkServerOffers, scopeFolders } from './acl-operations.ts';
import { checkDelegate, instant, normalizeAddress, resolveRights } from './grant-request.ts';
import { delegable, mailboxFolders } from './mailbox-folders.ts';
import {
  appendRegisterRecord,
  readRegister,
  registerJsonl,
  sha256Hex,
  type RecordDraft,
  type RegisterRead,
} from './register.ts';
import type { Clock } from '../clock/clock.ts';

/** The part of IdentityService the register needs: the head's signing key. */
export interface RegisterIdentity {
  signer(): Promise<Signer>;
}

export interface DelegationServiceDeps {
  accounts: AccountService;
  identity: RegisterIdentity;
  settings: SettingsRepository;
  logger: Logger;
  /** What "now" is for validity, record dates and signing times. */
  clock: Clock;
  /** Opens an IMAP session (tests may count or wrap them); defaults to connectImap. */
  connect?: (creds: ImapCredentials) => Promise<ImapFlow>;
}

interface Session {
  client: ImapFlow;
  accountId: string;
  email: string;
  /** Identifiers the server uses for the owner (login name and address). */
  owners: string[];
}

export class DelegationService {
  private readonly deps: DelegationServiceDeps;

  constructor(deps: DelegationServiceDeps) {
    this.deps = deps;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  // ---- head's side ---------------------------------------------------------

  async aclSupported(accountId: string): Promise<AclSupport> {
    return this.session(accountId, async ({ client }) => aclSupport(client));
  }

  async overview(accountId: string): Promise<DelegationOverview> {
    const appliedToNewFolders = await this.applyToNewFolders(accountId);
    return this.session(accountId, async (s) => {
      const read = await this.readRegister(s);
      const grants = currentGrants(trustedRecords(read), this.now());
      const supported = hasAcl(s.client);
      const folders: FolderAcl[] = [];
      if (supported) {
        for (const f of delegable(await mailboxFolders(s.client))) {
          const [entries, mine] = [await getAcl(s.client, f.path), await myRights(s.client, f.path)];
          folders.push({
            path: f.path,
            name: f.name,
            myRights: normalizeRights(mine).rights,
            myRightsWords: rightsInWords(mine),
            entries: entries.map((e) => ({
              identifier: e.identifier,
              rights: normalizeRights(e.rights).rights,
              words: rightsInWords(e.rights),
              owner: s.owners.includes(e.identifier.toLowerCase()),
            })),
          });
        }
      }
      return {
        accountId: s.accountId,
        mailbox: s.email,
        aclSupported: supported,
        folders,
        grants,
        register: read.state,
        appliedToNewFolders,
      };
    });
  }

  async grant(accountId: string, req: GrantRequest): Promise<GrantResult> {
    const now = this.now();
    const account = this.deps.accounts.get(accountId);
    const delegate = checkDelegate(req.delegate, account, this.deps.settings.preferences().officialDomains);
    const { rights, warnings } = resolveRights(req);
    const validFrom = instant(req.validFrom ?? now.toISOString(), 'validFrom');
    const validUntil = req.validUntil ? instant(req.validUntil, 'validUntil') : null;
    if (validUntil !== null && Date.parse(validUntil) <= Math.max(Date.parse(validFrom), now.getTime())) {
      throw new AppError('VALIDATION', `validUntil ${validUntil} is not after the start and now`, {
        messageVi: 'Ngày hết hạn ủy quyền phải sau ngày bắt đầu và sau hôm nay.',
      });
    }
    const startsLater = Date.parse(validFrom) > now.getTime();
    if (startsLater) warnings.push('not-yet-valid');
    const signer = await this.deps.identity.signer();

    return this.session(accountId, async (s) => {
      requireAcl(s.client);
      await checkServerOffers(s.client, delegate, rights);
      const all = await mailboxFolders(s.client);
      const inScope = scopeFolders(all, req.scope);
      const read = await this.readRegister(s);
      const previous = currentGrants(trustedRecords(read), now).find(
        (g) => g.delegate === delegate && g.mode === 'acl' && g.status !== 'revoked' && g.status !== 'expired',
      );
      if (previous && startsLater) {
        throw new AppError('VALIDATION', `${delegate} already holds a grant; a change cannot start later`, {
          messageVi: `${delegate} đang được ủy quyền: thay đổi ủy quyền có hiệu lực ngay, không hẹn ngày bắt đầu. Hãy thu hồi trước nếu muốn cấp lại từ một ngày sau.`,
        });
      }
      const applied: string[] = [];
      if (!startsLater) {
        try {
          for (const f of inScope) {
            await setAcl(s.client, f.path, delegate, rights);
            applied.push(f.path);
          }
          // A change that narrows the scope takes the rights off the folders left out.
          if (previous) {
            const keep = new Set(inScope.map((f) => f.path));
            for (const f of delegable(all)) if (!keep.has(f.path)) await deleteAcl(s.client, f.path, delegate);
          }
        } catch (e) {
          if (!previous) for (const path of applied) await deleteAcl(s.client, path, delegate).catch(() => undefined);
          throw e;
        }
      }
      const draft: RecordDraft = {
        type: previous ? 'change' : 'grant',
        mailbox: s.email,
        delegate,
        role: req.role,
        rights,
        scope: req.scope === 'all' ? 'all' : inScope.map((f) => f.path),
        validFrom,
        validUntil,
        ...(req.note ? { note: req.note } : {}),
      };
      let record: RegisterRecordDto;
      try {
        record = await this.append(s, read, draft, signer, now);
      } catch (e) {
        // Unrecorded rights would be drift: take them back.
        if (!previous) for (const path of applied) await deleteAcl(s.client, path, delegate).catch(() => undefined);
        throw e;
      }
      const state = loadLocalState(this.deps.settings, s.accountId);
      saveLocalState(this.deps.settings, s.accountId, {
        knownFolders: delegable(all).map((f) => f.path),
        activatedSeqs: startsLater ? state.activatedSeqs : [...state.activatedSeqs, record.seq],
      });
      this.deps.logger.log('info', 'delegation granted', { mailbox: s.email, delegate, rights, seq: record.seq });
      return {
        delegate,
        role: req.role,
        rights,
        rightsWords: rightsInWords(rights),
        scope: draft.scope,
        folders: applied,
        validFrom,
        validUntil,
        warnings,
        record,
      };
    });
  }

  async revoke(accountId: string, delegateInput: string): Promise<RevokeResult> {
    const delegate = normalizeAddress(delegateInput);
    const signer = await this.deps.identity.signer();
    return this.session(accountId, async (s) => {
      requireAcl(s.client);
      const { folders, confirmedEmpty, remaining, elapsedMs } = await removeEverywhere(s.client, delegate);
      const read = await this.readRegister(s);
      const record = await this.append(
        s,
        read,
        {
          type: 'revoke',
          mailbox: s.email,
          delegate,
          role: 'none',
          rights: '',
          scope: 'all',
          validFrom: this.now().toISOString(),
          validUntil: null,
        },
        signer,
        this.now(),
      );
      this.deps.logger.log('info', 'delegation revoked', { mailbox: s.email, delegate, elapsedMs, confirmedEmpty });
      return { delegate, folders, confirmedEmpty, remaining, elapsedMs, record };
    });
  }

  /**
   * Revokes grants past their end ('expire' records) and applies grants whose
   * start has come. Hosts call it at start and on a timer; every CLI delegate command runs it first.
   */
  async expireDue(accountId: string): Promise<{ expired: string[]; activated: string[] }> {
    const now = this.now();
    return this.session(accountId, async (s) => {
      const out = { expired: [] as string[], activated: [] as string[] };
      if (!hasAcl(s.client)) return out;
      const read = await this.readRegister(s);
      const grants = currentGrants(trustedRecords(read), now).filter((g) => g.mode === 'acl');
      const due = grants.filter((g) => g.status === 'expired-revoking');
      const state = loadLocalState(this.deps.settings, s.accountId);
      // Only grants recorded ahead of their start are applied here; the others were applied when granted.
      const recordedAt = new Map(trustedRecords(read).map((r) => [r.seq, Date.parse(r.at)]));
      const starting = grants.filter(
        (g) =>
          g.status === 'active' &&
          Date.parse(g.validFrom) > (recordedAt.get(g.seq) ?? Infinity) &&
          !state.activatedSeqs.includes(g.seq),
      );
      if (due.length === 0 && starting.length === 0) return out;
      const signer = await this.deps.identity.signer();
      let current = read;
      for (const g of due) {
        await removeEverywhere(s.client, g.delegate);
        await this.append(
          s,
          current,
          {
            type: 'expire',
            mailbox: s.email,
            delegate: g.delegate,
            role: g.role,
            rights: '',
            scope: g.scope,
            validFrom: g.validFrom,
            validUntil: g.validUntil,
            note: `validUntil ${g.validUntil} passed; rights revoked at ${now.toISOString()}`,
          },
          signer,
          now,
        );
        current = await this.readRegister(s);
        out.expired.push(g.delegate);
      }
      const all = await mailboxFolders(s.client);
      for (const g of starting) {
        for (const f of scopeFolders(all, g.scope, { lenient: true }))
          await setAcl(s.client, f.path, g.delegate, g.rights);
        out.activated.push(g.delegate);
      }
      if (starting.length)
        saveLocalState(this.deps.settings, s.accountId, {
          activatedSeqs: [...state.activatedSeqs, ...starting.map((g) => g.seq)],
        });
      if (out.expired.length || out.activated.length)
        this.deps.logger.log('info', 'delegation schedule applied', {
          mailbox: s.email,
          expired: out.expired.join(','),
          activated: out.activated.join(','),
        });
      return out;
    });
  }

  /** Gives 'all'-scope grants their rights on folders created since this computer last looked. */
  async applyToNewFolders(accountId: string): Promise<string[]> {
    return this.session(accountId, async (s) => {
      if (!hasAcl(s.client)) return [];
      const folders = delegable(await mailboxFolders(s.client)).map((f) => f.path);
      const state = loadLocalState(this.deps.settings, s.accountId);
      const known = new Set(state.knownFolders ?? folders);
      const fresh = folders.filter((p) => !known.has(p));
      if (fresh.length) {
        const grants = currentGrants(trustedRecords(await this.readRegister(s)), this.now()).filter(
          (g) => g.mode === 'acl' && g.status === 'active' && g.scope === 'all',
        );
        for (const path of fresh) for (const g of grants) await setAcl(s.client, path, g.delegate, g.rights);
        if (grants.length) this.deps.logger.log('info', 'grants applied to new folders', { folders: fresh.length });
      }
      saveLocalState(this.deps.settings, s.accountId, { knownFolders: folders });
      return fresh;
    });
  }

  async check(accountId: string, opts: { fix?: boolean } = {}): Promise<CheckReport> {
    await this.applyToNewFolders(accountId);
    const fixed: DriftFinding[] = [];
    if (opts.fix) {
      for (const f of (await this.inspect(accountId)).drift) {
        await this.fixDrift(accountId, f.id);
        fixed.push(f);
      }
    }
    const { drift, read, email, accountIdResolved } = await this.inspect(accountId);
    return {
      accountId: accountIdResolved,
      mailbox: email,
      ok: drift.length === 0 && read.state.intact,
      drift,
      register: read.state,
      fixed,
    };
  }

  /** One-click fix: makes the live rights match the register for one finding, and records it. */
  async fixDrift(accountId: string, findingOrId: DriftFinding | string): Promise<RegisterRecordDto> {
    const id = typeof findingOrId === 'string' ? findingOrId : findingOrId.id;
    const signer = await this.deps.identity.signer();
    return this.session(accountId, async (s) => {
      const { drift, read } = await this.inspectIn(s);
      const f = drift.find((d) => d.id === id);
      if (!f) {
        throw new AppError('VALIDATION', `no current drift finding ${id}`, {
          messageVi: 'Sai lệch này không còn (quyền đã thay đổi từ lần kiểm tra trước). Hãy kiểm tra lại.',
        });
      }
      let after: string;
      if (f.kind === 'unexplained') {
        after = rightsMinus(f.live, f.rights);
        if (after === '') await deleteAcl(s.client, f.folder, f.identifier);
        else await setAcl(s.client, f.folder, f.identifier, `-${f.rights}`);
      } else {
        await setAcl(s.client, f.folder, f.identifier, `+${f.rights}`);
        after = normalizeRights(f.live + f.rights).rights;
      }
      const record = await this.append(
        s,
        read,
        {
          type: 'drift-fix',
          mailbox: s.email,
          delegate: f.identifier,
          role: 'none',
          rights: after,
          scope: [f.folder],
          validFrom: this.now().toISOString(),
          validUntil: null,
          note: f.kind === 'unexplained' ? `removed unexplained '${f.rights}'` : `restored missing '${f.rights}'`,
        },
        signer,
        this.now(),
      );
      this.deps.logger.log('info', 'delegation drift fixed', { mailbox: s.email, finding: f.id, seq: record.seq });
      return record;
    });
  }

  async exportRegister(accountId: string): Promise<{ fileName: 'delegation.jsonl'; header: string; lines: string[] }> {
    return this.session(accountId, async (s) => registerJsonl(await this.readRegister(s)));
  }

  // ---- delegate's side -----------------------------------------------------

  /** Unit mailboxes other users share with this account (NAMESPACE, LIST, MYRIGHTS). */
  async sharedMailboxes(delegateAccountId: string): Promise<SharedMailbox[]> {
    return this.session(delegateAccountId, async ({ client }) => {
      const namespaces = [...(client.namespaces?.other || []), ...(client.namespaces?.shared || [])].filter(
        (ns) => ns.prefix !== '',
      );
      if (namespaces.length === 0) return [];
      const byOwner = new Map<string, SharedMailbox>();
      for (const entry of await client.list()) {
        const ns = namespaces.find((n) => entry.path.startsWith(n.prefix));
        if (!ns) continue;
        const delimiter = ns.delimiter || entry.delimiter || '/';
        const [owner, ...rest] = entry.path.slice(ns.prefix.length).split(delimiter);
        if (!owner || rest.length === 0) continue;
        if (entry.flags?.has('\\Noselect') || entry.flags?.has('\\NonExistent')) continue;
        if (isRecordFolder(rest.join(delimiter), delimiter)) continue;
        const prefix = `${ns.prefix}${owner}${delimiter}`;
        const box = byOwner.get(prefix) ?? { owner, prefix, folders: [] };
        byOwner.set(prefix, box);
        const rights = hasAcl(client) ? normalizeRights(await myRights(client, entry.path).catch(() => '')).rights : '';
        box.folders.push({
          path: entry.path,
          name: entry.name,
          rights,
          words: rightsInWords(rights),
          abilities: abilitiesOf(rights),
        });
      }
      return [...byOwner.values()];
    });
  }

  // ---- servers without ACL -------------------------------------------------

  /**
   * Seals the unit credential to one delegate's certificate (CMS EnvelopedData)
   * and records it. Refused where the server has ACL: there the password need not travel.
   */
  async sealCredentialFor(accountId: string, delegateCertificate: Uint8Array): Promise<Uint8Array> {
    const der = parseCertificates(delegateCertificate)[0];
    if (!der) throw new AppError('CERTIFICATE_INVALID', 'no certificate in the input');
    const info = certificateInfo(der);
    if (!info.email)
      throw new AppError('CERTIFICATE_INVALID', `certificate ${info.sha256Fingerprint} names no e-mail address`, {
        messageVi: 'Chứng thư số của người được ủy quyền không ghi địa chỉ thư điện tử.',
      });
    const account = this.deps.accounts.get(accountId);
    const delegate = checkDelegate(info.email, account, this.deps.settings.preferences().officialDomains);
    const signer = await this.deps.identity.signer();
    const { imap } = await this.deps.accounts.credentials(accountId);
    const now = this.now();
    return this.session(accountId, async (s) => {
      if (hasAcl(s.client)) {
        throw new AppError('VALIDATION', 'the server supports ACL: grant rights instead of sharing the password', {
          messageVi:
            'Máy chủ hỗ trợ phân quyền (IMAP ACL): hãy cấp quyền cho tài khoản riêng của người được ủy quyền, không giao mật khẩu hộp thư (Điều 9).',
        });
      }
      const envelope = await envelopeFor(
        encodeCredential(account, imap.password, { purpose: 'delegation', sealedTo: sha256Fingerprint(der), at: now }),
        der,
        { now },
      );
      const read = await this.readRegister(s);
      await this.append(
        s,
        read,
        {
          type: 'credential-grant',
          mailbox: s.email,
          delegate,
          role: 'credential',
          rights: '',
          scope: 'all',
          validFrom: now.toISOString(),
          validUntil: null,
          note: `sealed to certificate ${info.sha256Fingerprint}; envelope sha256 ${sha256Hex(envelope)}`,
        },
        signer,
        now,
      );
      this.deps.logger.log('info', 'credential sealed', { mailbox: s.email, delegate });
      return envelope;
    });
  }

  /** Delegate's side: opens the sealed credential and stores the unit account in this user's keychain. */
  async importDelegatedCredential(p7m: Uint8Array, decryptor: Decryptor): Promise<AccountSummary> {
    const { account: draft, password } = decodeCredential(await openEnvelope(p7m, decryptor), 'delegation');
    this.deps.logger.redact(password);
    return this.deps.accounts.add(draft, password);
  }

  /**
   * Revoking a credential delegation is a password reset (done by the IT
   * Centre or the head): stores the new password after a login test, then
   * records 'credential-revoke' for each holder and 'password-reset'.
   */
  async recordPasswordReset(accountId: string, newPassword: string): Promise<RegisterRecordDto[]> {
    this.deps.logger.redact(newPassword);
    const account = this.deps.accounts.get(accountId);
    await this.deps.accounts.update(account.id, accountDraftOf(account), newPassword);
    const signer = await this.deps.identity.signer();
    const now = this.now();
    return this.session(accountId, async (s) => {
      let read = await this.readRegister(s);
      const holders = currentGrants(trustedRecords(read), now).filter(
        (g) => g.mode === 'credential' && g.status !== 'revoked',
      );
      const records: RegisterRecordDto[] = [];
      const base = { mailbox: s.email, role: 'credential' as const, rights: '', scope: 'all' as const };
      for (const g of holders) {
        records.push(
          await this.append(
            s,
            read,
            {
              ...base,
              type: 'credential-revoke',
              delegate: g.delegate,
              validFrom: g.validFrom,
              validUntil: now.toISOString(),
            },
            signer,
            now,
          ),
        );
        read = await this.readRegister(s);
      }
      records.push(
        await this.append(
          s,
          read,
          { ...base, type: 'password-reset', delegate: '', validFrom: now.toISOString(), validUntil: null },
          signer,
          now,
        ),
      );
      this.deps.logger.log('info', 'password reset recorded', { mailbox: s.email, revoked: holders.length });
      return records;
    });
  }

  // ---- internals -----------------------------------------------------------

  private async session<T>(accountId: string, fn: (s: Session) => Promise<T>): Promise<T> {
    const { account, imap } = await this.deps.accounts.credentials(accountId);
    const client = await (this.deps.connect ?? connectImap)(imap);
    try {
      return await fn({
        client,
        accountId: account.id,
        email: account.email,
        owners: [...new Set([account.username.toLowerCase(), account.email.toLowerCase()])],
      });
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async readRegister(s: Session): Promise<RegisterRead> {
    return readRegister(s.client, loadLocalState(this.deps.settings, s.accountId).head);
  }

  private async append(s: Session, read: RegisterRead, draft: RecordDraft, signer: Signer, now: Date) {
    const { record, head } = await appendRegisterRecord(s.client, read, draft, signer, { now, unitEmail: s.email });
    // Only move the local head forward: another computer may have written later records.
    const local = loadLocalState(this.deps.settings, s.accountId).head;
    if (!local || head.seq >= local.seq) saveLocalState(this.deps.settings, s.accountId, { head });
    return record;
  }

  private async inspect(accountId: string) {
    return this.session(accountId, async (s) => ({
      ...(await this.inspectIn(s)),
      email: s.email,
      accountIdResolved: s.accountId,
    }));
  }

  private async inspectIn(s: Session): Promise<{ drift: DriftFinding[]; read: RegisterRead }> {
    const read = await this.readRegister(s);
    const grants = currentGrants(trustedRecords(read), this.now());
    if (!hasAcl(s.client)) return { drift: [], read };
    const live: LiveFolderAcl[] = [];
    for (const f of await mailboxFolders(s.client)) {
      live.push({ path: f.path, recordFolder: f.recordFolder, entries: await getAcl(s.client, f.path) });
    }
    return { drift: findDrift(live, grants, s.owners), read };
  }
}

function trustedRecords(read: RegisterRead): RegisterRecordDto[] {
  // A damaged chain does not void the records that still verify; a record that does not verify explains nothing.
  return read.records.filter((r) => r.trusted).map((r) => r.record);
}
