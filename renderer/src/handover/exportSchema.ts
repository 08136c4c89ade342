// The export wizard's values, judged by the handover.export call's own schema,
// plus what only the wizard asks: a recipient certificate that can seal, whose
// fingerprint the user confirmed by phone.
import type { z } from 'zod';
import type { AccountSummary } from '../../../shared/account.ts';
import { contract } from '../../../shared/contract.ts';
import type { CertificateView } from '../../../shared/contract-handover.ts';
import { contractFormSchema, given } from '../forms/contractSchema.ts';
import type { FormIssue } from '../forms/issues.ts';
import { defaultBagName } from './bagName.ts';

export interface Recipient {
  path: string;
  info: CertificateView;
}

export interface ExportValues {
  /** The mailbox picked; null until the user picks one (see chosenAccount). */
  accountId: string | null;
  /** Picked with main's file dialog; its fingerprint is compared by phone. */
  recipient: Recipient | null;
  confirmed: boolean;
  witness: string;
  place: string;
  /** Picked with main's directory dialog. */
  outDir: string | null;
  /** The user's own bag name; until they type one, the default follows the chosen mailbox. */
  bagName: string | null;
  tar: boolean;
}

export type ExportRequest = z.output<(typeof contract)['handover.export']['input']>;

export const INITIAL_EXPORT: ExportValues = {
  accountId: null,
  recipient: null,
  confirmed: false,
  witness: '',
  place: '',
  outDir: null,
  bagName: null,
  tar: false,
};

/** Unit mailboxes first: a handover is of a unit mailbox (Art. 10). */
export function unitsFirst(accounts: readonly AccountSummary[]): AccountSummary[] {
  return [...accounts].sort((a, b) => Number(b.kind === 'unit') - Number(a.kind === 'unit'));
}

/** The mailbox picked, else the open one if it is a unit mailbox, else the first unit mailbox. */
export function chosenAccount(
  accounts: readonly AccountSummary[],
  currentAccountId: string | null,
  accountId: string | null,
): AccountSummary | null {
  return (
    accounts.find((a) => a.id === accountId) ??
    accounts.find((a) => a.id === currentAccountId && a.kind === 'unit') ??
    unitsFirst(accounts)[0] ??
    null
  );
}

export function bagNameOf(values: Pick<ExportValues, 'bagName'>, account: AccountSummary | null): string {
  return values.bagName ?? defaultBagName(account?.email ?? '');
}

function check({ recipient, confirmed }: ExportValues): FormIssue[] {
  const issues: FormIssue[] = [];
  if (recipient && !recipient.info.canEncrypt) issues.push({ field: 'recipient', key: null });
  if (!confirmed) issues.push({ field: 'confirmed', key: null });
  return issues;
}

const FIELD_OF: Partial<Record<string, keyof ExportValues>> = {
  accountId: 'accountId',
  recipientCertificate: 'recipient',
  recipientFingerprint: 'recipient',
};

export function exportFormSchema(account: (accountId: string | null) => AccountSummary | null) {
  return contractFormSchema<ExportValues, ExportRequest>({
    contract: contract['handover.export'].input,
    toInput: (values) => {
      const witness = given(values.witness);
      const place = given(values.place);
      return {
        accountId: account(values.accountId)?.id,
        recipientCertificate: values.recipient?.path,
        recipientFingerprint: values.recipient?.info.sha256Fingerprint,
        ...(witness ? { witness } : {}),
        ...(place ? { place } : {}),
        outDir: values.outDir ?? undefined,
        bagName: bagNameOf(values, account(values.accountId)),
        tar: values.tar,
      };
    },
    fieldOf: (path) => FIELD_OF[String(path[0])] ?? path.map(String).join('.'),
    check,
  });
}
