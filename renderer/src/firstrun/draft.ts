// The account form's state and its conversion into the contract's
// AccountDraft. Validation here only gives early, field-level hints; main
// validates again with the zod schema and has the final word.
import type {
  AccountDraft,
  AccountKind,
  AccountSummary,
  AutoconfigResult,
  SecurityMode,
  ServerSettings,
} from '../../../shared/account.ts';

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

export interface AccountFormState {
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

export function initialFormState(): AccountFormState {
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

/** The form filled with an existing account's settings; the password stays empty (= keep). */
export function formStateFromAccount(account: AccountSummary): AccountFormState {
  const server = (s: ServerSettings): ServerForm => ({ host: s.host, port: String(s.port), security: s.security });
  return {
    email: account.email,
    displayName: account.displayName === account.email ? '' : account.displayName,
    kind: account.kind,
    password: '',
    username: account.username === account.email ? '' : account.username,
    imap: server(account.imap),
    smtp: server(account.smtp),
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

export function isInsecure(state: Pick<AccountFormState, 'imap' | 'smtp'>): boolean {
  return state.imap.security === 'none' || state.smtp.security === 'none';
}

/** "vanphong" + blur → "vanphong@binhphuoc.gov.vn": saves typing the long domain. */
export function completeEmail(email: string, domain: string): string {
  const trimmed = email.trim();
  return trimmed && !trimmed.includes('@') ? `${trimmed}@${domain}` : trimmed;
}

export function applyAutoconfig(state: AccountFormState, result: AutoconfigResult): AccountFormState {
  const toForm = (s: ServerSettings): ServerForm => ({ host: s.host, port: String(s.port), security: s.security });
  return {
    ...state,
    imap: toForm(result.imap),
    smtp: toForm(result.smtp),
    username: result.username && result.username !== state.email.trim() ? result.username : state.username,
  };
}

export type FieldKey = 'email' | 'password' | 'imap.host' | 'imap.port' | 'smtp.host' | 'smtp.port' | 'allowInsecure';
export type FieldProblem = 'required' | 'invalidEmail' | 'invalidPort' | 'insecureRequired';
export type FieldErrors = Partial<Record<FieldKey, FieldProblem>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

export function validate(state: AccountFormState, needPassword = true): FieldErrors {
  const errors: FieldErrors = {};
  if (!state.email.trim()) errors.email = 'required';
  else if (!EMAIL.test(state.email.trim())) errors.email = 'invalidEmail';
  if (needPassword && !state.password) errors.password = 'required';
  for (const role of ['imap', 'smtp'] as const) {
    if (!state[role].host.trim()) errors[`${role}.host`] = 'required';
    if (parsePort(state[role].port) === null) errors[`${role}.port`] = 'invalidPort';
  }
  if (isInsecure(state) && !state.allowInsecure) errors.allowInsecure = 'insecureRequired';
  return errors;
}

export function toDraft(state: AccountFormState): AccountDraft {
  const server = (s: ServerForm): ServerSettings => ({
    host: s.host.trim(),
    port: parsePort(s.port) ?? 0,
    security: s.security,
  });
  const username = state.username.trim();
  return {
    kind: state.kind,
    displayName: state.displayName.trim(),
    email: state.email.trim(),
    ...(username ? { username } : {}),
    imap: server(state.imap),
    smtp: server(state.smtp),
    ...(state.ca ? { caPem: state.ca.pem } : state.storedCa === 'remove' ? { caPem: '' } : {}),
    // Only ever true when the user ticked the box and a mode really is plaintext.
    allowInsecure: isInsecure(state) && state.allowInsecure,
  };
}
