// The account form's values and their conversion into the input of the
// accounts.* calls. The contract's schema judges them (accountSchema.ts), in
// the renderer for field-level messages and again in main, which has the final
// word.
import type {
  AccountKind,
  AccountSummary,
  AutoconfigResult,
  SecurityMode,
  ServerSettings,
} from '../../../shared/account.ts';
import { given } from '../forms/contractSchema.ts';

export interface ServerForm {
  host: string;
  /** Text while editing, so an empty field doesn't turn into 0. */
  port: string;
  security: SecurityMode;
}

export interface ChosenCa {
  name: string;
  pem: string;
}

export interface AccountFormValues {
  email: string;
  displayName: string;
  kind: AccountKind;
  password: string;
  username: string;
  imap: ServerForm;
  smtp: ServerForm;
  allowInsecure: boolean;
  /** A CA file chosen in this form. */
  ca: ChosenCa | null;
  /**
   * Editing an account that already trusts a private CA (its PEM stays in
   * main): 'keep' sends no caPem, 'remove' sends an empty one. null otherwise.
   */
  storedCa: 'keep' | 'remove' | null;
}

export type ServerRole = 'imap' | 'smtp';

export const DEFAULT_PORTS: Record<ServerRole, Record<SecurityMode, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

export function initialFormValues(): AccountFormValues {
  return {
    email: '',
    displayName: '',
    kind: 'unit',
    password: '',
    username: '',
    imap: { host: '', port: String(DEFAULT_PORTS.imap.tls), security: 'tls' },
    smtp: { host: '', port: String(DEFAULT_PORTS.smtp.starttls), security: 'starttls' },
    allowInsecure: false,
    ca: null,
    storedCa: null,
  };
}

const serverForm = (s: ServerSettings): ServerForm => ({ host: s.host, port: String(s.port), security: s.security });

/** The form filled with an existing account's settings; the password stays empty (= keep). */
export function formValuesFromAccount(account: AccountSummary): AccountFormValues {
  return {
    email: account.email,
    displayName: account.displayName === account.email ? '' : account.displayName,
    kind: account.kind,
    password: '',
    username: account.username === account.email ? '' : account.username,
    imap: serverForm(account.imap),
    smtp: serverForm(account.smtp),
    // The user consented when the account was saved; the box shows it ticked.
    allowInsecure: account.insecure,
    ca: null,
    storedCa: account.hasCustomCa ? 'keep' : null,
  };
}

/** Switching security also moves the port, unless the user typed a custom one. */
export function withSecurity(role: ServerRole, server: ServerForm, security: SecurityMode): ServerForm {
  const usesDefault = server.port.trim() === '' || server.port === String(DEFAULT_PORTS[role][server.security]);
  return { ...server, security, port: usesDefault ? String(DEFAULT_PORTS[role][security]) : server.port };
}

export function isInsecure(values: Pick<AccountFormValues, 'imap' | 'smtp'>): boolean {
  return values.imap.security === 'none' || values.smtp.security === 'none';
}

/** "vanphong" + blur → "vanphong@binhphuoc.gov.vn": saves typing the long domain. */
export function completeEmail(email: string, domain: string): string {
  const trimmed = email.trim();
  return trimmed && !trimmed.includes('@') ? `${trimmed}@${domain}` : trimmed;
}

/** The servers (and a login name other than the address) that autoconfig found. */
export function autoconfigValues(values: AccountFormValues, result: AutoconfigResult) {
  return {
    imap: serverForm(result.imap),
    smtp: serverForm(result.smtp),
    username: result.username && result.username !== values.email.trim() ? result.username : values.username,
  };
}

/** The AccountDraft the form stands for; what is blank stays undefined for the contract to report. */
export function toDraft(values: AccountFormValues) {
  const server = (s: ServerForm) => ({
    host: given(s.host),
    port: given(s.port) === undefined ? undefined : Number(s.port),
    security: s.security,
  });
  return {
    kind: values.kind,
    displayName: values.displayName.trim(),
    email: given(values.email),
    username: given(values.username),
    imap: server(values.imap),
    smtp: server(values.smtp),
    ...(values.ca ? { caPem: values.ca.pem } : values.storedCa === 'remove' ? { caPem: '' } : {}),
    // Only ever true when the user ticked the box and a mode really is plaintext.
    allowInsecure: isInsecure(values) && values.allowInsecure,
  };
}
