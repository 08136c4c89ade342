// The register (register.ts) as the delegation services use it on an open
// session: read against the head this computer last wrote, so a removed LAST
// record is noticed; append a signed record and move that head forward.
import type { DelegationGrant, RegisterRecordDto } from '../../../shared/delegation.ts';
import type { Signer } from '../identity/signer.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { currentGrants } from './grants.ts';
import { loadLocalState, saveLocalState } from './local-state.ts';
import type { MailboxSession } from './mailbox-session.ts';
import { appendRegisterRecord, readRegister, type RecordDraft, type RegisterRead } from './register.ts';

/** The part of IdentityService the register needs: the head's signing key. */
export interface RegisterIdentity {
  signer(): Promise<Signer>;
}

export class RegisterBook {
  private readonly settings: SettingsRepository;

  constructor(settings: SettingsRepository) {
    this.settings = settings;
  }

  async read(s: MailboxSession): Promise<RegisterRead> {
    return readRegister(s.client, loadLocalState(this.settings, s.accountId).head);
  }

  /** Signs and appends the record after what `read` found; returns it. */
  async append(
    s: MailboxSession,
    read: RegisterRead,
    draft: RecordDraft,
    signer: Signer,
    now: Date,
  ): Promise<RegisterRecordDto> {
    const { record, head } = await appendRegisterRecord(s.client, read, draft, signer, { now, unitEmail: s.email });
    // Only move the local head forward: another computer may have written later records.
    const local = loadLocalState(this.settings, s.accountId).head;
    if (!local || head.seq >= local.seq) saveLocalState(this.settings, s.accountId, { head });
    return record;
  }
}

/** The records whose signature checks out. */
export function trustedRecords(read: RegisterRead): RegisterRecordDto[] {
  // A damaged chain does not void the records that still verify; a record that does not verify explains nothing.
  return read.records.filter((r) => r.trusted).map((r) => r.record);
}

/** What the trusted records say each delegate holds at `now`. */
export function grantsIn(read: RegisterRead, now: Date): DelegationGrant[] {
  return currentGrants(trustedRecords(read), now);
}
