// Drafts: saved here first (drafts.sqlite, committed), then to the server's Drafts folder
// replacing the previous version, so a draft survives a crash, a restart and a move to another
// PC. Saves of one draft run one after the other (autosave may fire while a save is on the wire).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ComposeInput, ComposeParsed, DraftSaved, DraftSummary } from '../../../shared/compose.ts';
import { parseRecipients } from '../../../shared/recipients.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { AttachmentTokens } from './attachment-tokens.ts';
import { attachmentBytes } from './compose-message.ts';
import * as server from './draft-server.ts';
import type { DraftStore, StoredDraft } from './draft-store.ts';
import { buildMessage, newMessageId } from './message-builder.ts';

export interface DraftDeps {
  store: DraftStore;
  accounts: AccountService;
  mail: MailService;
  tokens: AttachmentTokens;
  clock: Clock;
  logger: Logger;
  userAgent: string;
}

export class DraftService {
  private readonly deps: DraftDeps;
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(deps: DraftDeps) {
    this.deps = deps;
  }

  async save(draftId: string | undefined, input: ComposeParsed): Promise<DraftSaved> {
    const id = draftId ?? randomUUID();
    return this.serial(id, async () => {
      const accountId = this.deps.accounts.get(input.accountId).id;
      const savedAt = this.deps.clock.now().toISOString();
      const paths: Record<string, string> = {};
      for (const a of input.attachments) if (a.kind === 'picked') paths[a.token] = this.deps.tokens.path(a.token).path;
      const prev = this.deps.store.get(id);
      this.deps.store.save({ id, accountId, updatedAt: savedAt, input: { ...input, accountId, draftId: id }, paths });
      try {
        const at = await this.toServer(id, { ...input, accountId }, prev?.server ?? null);
        this.deps.store.setServer(id, at, null);
        return { id, savedAt, onServer: at !== null, serverError: at ? null : 'no Drafts folder' };
      } catch (e) {
        const error = toAppError(e);
        this.deps.store.setServer(id, prev?.server ?? null, error.messageVi);
        return { id, savedAt, onServer: false, serverError: error.messageVi };
      }
    });
  }

  async list(accountId: string): Promise<DraftSummary[]> {
    const id = this.deps.accounts.get(accountId).id;
    const local = this.deps.store.list(id);
    const out = new Map<string, DraftSummary>(local.map((d) => [d.id, summaryOf(d)]));
    try {
      const client = await this.deps.mail.pool.client(id);
      const folder = await server.findDraftsFolder(client);
      for (const d of folder ? await server.listServerDrafts(client, folder) : []) {
        const known = out.get(d.meta.id);
        if (known) known.where = 'both';
        else
          out.set(d.meta.id, {
            id: d.meta.id,
            accountId: id,
            subject: d.subject,
            to: d.meta.to,
            updatedAt: d.date ?? '',
            where: 'server',
            server: { folder: folder ?? '', uid: d.uid },
            serverError: null,
          });
      }
    } catch (e) {
      this.deps.logger.log('warn', 'drafts: server list failed', { detail: (e as Error).message });
    }
    return [...out.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The composer's input; a draft from another PC is kept here from now on. */
  async open(accountId: string, draftId: string): Promise<{ id: string; input: ComposeInput }> {
    const id = this.deps.accounts.get(accountId).id;
    const local = this.deps.store.get(draftId);
    if (local) return { id: draftId, input: await this.reissue(local) };
    const found = (await this.list(id)).find((d) => d.id === draftId && d.server);
    if (!found?.server)
      throw new AppError('MESSAGE_NOT_FOUND', `no draft ${draftId}`, { messageVi: 'Không tìm thấy thư nháp.' });
    const { source } = await this.deps.mail.source(id, found.server.folder, found.server.uid);
    const opened = await server.draftInputFrom(source, id);
    if (!opened) throw new AppError('MALFORMED_MESSAGE', `draft ${draftId} on the server cannot be read`);
    this.deps.store.save({
      id: draftId,
      accountId: id,
      updatedAt: found.updatedAt,
      input: opened.input as Record<string, unknown>,
      paths: {},
    });
    this.deps.store.setServer(draftId, found.server, null);
    return opened;
  }

  /** Removes a draft here and its version on the server (after it was sent, or on "Xóa nháp"). */
  async remove(accountId: string, draftId: string): Promise<void> {
    const id = this.deps.accounts.get(accountId).id;
    await this.serial(draftId, async () => {
      const local = this.deps.store.get(draftId);
      const where = local?.server ?? (await this.list(id)).find((d) => d.id === draftId)?.server ?? null;
      if (where) await server.deleteDraftVersion(await this.deps.mail.pool.client(id), where.folder, where.uid);
      this.deps.store.remove(draftId);
    });
  }

  private async toServer(id: string, input: ComposeParsed, prev: { folder: string; uid: number } | null) {
    const client = await this.deps.mail.pool.client(input.accountId);
    const folder = prev?.folder ?? (await server.findDraftsFolder(client));
    if (!folder) return null;
    const { account } = await this.deps.accounts.credentials(input.accountId);
    const lenient = (v: string[]) => parseRecipients(v).recipients;
    const ctx = { account, mail: this.deps.mail, tokens: this.deps.tokens };
    const now = this.deps.clock.now();
    const meta: server.DraftMeta = {
      id,
      to: input.to,
      cc: input.cc,
      bcc: input.bcc,
      html: input.html !== undefined,
      requestReceipt: input.requestReceipt,
      ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
      ...(input.original ? { original: input.original } : {}),
    };
    const { copyRaw } = await buildMessage({
      from: { name: account.displayName, address: account.email },
      to: lenient(input.to),
      cc: lenient(input.cc),
      bcc: lenient(input.bcc),
      subject: input.subject,
      text: input.text,
      ...(input.html !== undefined ? { html: input.html } : {}),
      attachments: await Promise.all(input.attachments.map((a) => attachmentBytes(a, ctx))),
      messageId: newMessageId(account.email.split('@')[1] ?? 'localhost', () => randomUUID().replace(/-/g, '')),
      date: now,
      userAgent: this.deps.userAgent,
      extraHeaders: { [server.DRAFT_HEADER]: server.encodeMeta(meta) },
    });
    const uid = await server.appendDraft(client, folder, copyRaw, now);
    if (prev && prev.uid !== uid) await server.deleteDraftVersion(client, prev.folder, prev.uid);
    return uid === null ? null : { folder, uid };
  }

  /** Picked files get new tokens (a token lives as long as the app); files gone since are left out. */
  private async reissue(d: StoredDraft): Promise<ComposeInput> {
    const input = d.input as unknown as ComposeInput;
    const attachments = [];
    for (const a of input.attachments ?? []) {
      if (a.kind !== 'picked') attachments.push(a);
      else {
        const path = d.paths[a.token];
        if (path && existsSync(path))
          attachments.push({ kind: 'picked' as const, token: (await this.deps.tokens.add(path)).token });
      }
    }
    return { ...input, attachments };
  }

  private serial<T>(id: string, run: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(id) ?? Promise.resolve()).catch(() => undefined).then(run);
    this.chains.set(id, next);
    void next.finally(() => this.chains.get(id) === next && this.chains.delete(id)).catch(() => undefined);
    return next;
  }
}

function summaryOf(d: StoredDraft): DraftSummary {
  const input = d.input as { subject?: string; to?: string[] };
  return {
    id: d.id,
    accountId: d.accountId,
    subject: input.subject ?? '',
    to: input.to ?? [],
    updatedAt: d.updatedAt,
    where: 'local',
    server: d.server,
    serverError: d.serverError,
  };
}
