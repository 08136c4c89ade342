// The grant form's values, judged by the contract's grant request schema
// (delegation.grant), plus what the form asks beyond it: an official address
// other than the mailbox itself, real rights letters, and an explicit yes to
// the administer right.
import {
  ROLE_RIGHTS,
  normalizeRights,
  type DelegationGrant,
  type DelegationRole,
  type FolderAcl,
} from '../../../shared/delegation.ts';
import { grantRequestSchema } from '../../../shared/contract-delegation.ts';
import type { z } from 'zod';
import { contractFormSchema, given } from '../forms/contractSchema.ts';
import type { FormIssue } from '../forms/issues.ts';
import { dayInput, endOfDay, startOfDay } from './format.ts';

export interface GrantValues {
  delegate: string;
  role: DelegationRole;
  /** Rights letters of role 'custom', as typed (checked ones are added in RFC order). */
  letters: string;
  allowAdmin: boolean;
  scope: 'all' | 'some';
  /** Folder paths chosen for scope 'some'. */
  folders: string[];
  /** Days from date inputs ("2026-11-28"), local. */
  validFrom: string;
  validUntil: string;
  note: string;
}

export type GrantRequest = z.output<typeof grantRequestSchema>;

interface GrantContext {
  mailbox: string;
  domains: readonly string[];
  folders: readonly FolderAcl[];
}

/** A new grant, or the form filled with a grant to change. */
export function initialGrantValues(initial: DelegationGrant | null, today: string): GrantValues {
  const role: DelegationRole =
    initial && initial.role !== 'none' && initial.role !== 'credential' ? initial.role : 'xem';
  const someFolders = initial && initial.scope !== 'all' ? initial.scope : null;
  return {
    delegate: initial?.delegate ?? '',
    role,
    letters: role === 'custom' ? (initial?.rights ?? '') : 'lrs',
    allowAdmin: false,
    scope: someFolders ? 'some' : 'all',
    folders: someFolders ? [...someFolders] : [],
    validFrom: today,
    validUntil: initial?.validUntil ? dayInput(new Date(initial.validUntil)) : '',
    note: '',
  };
}

/** The rights the chosen role stands for (custom: the letters typed, in RFC order). */
export function rightsOf(values: Pick<GrantValues, 'role' | 'letters'>): string {
  return values.role === 'custom' ? normalizeRights(values.letters).rights : ROLE_RIGHTS[values.role];
}

/** Once an address has its "@": not the mailbox itself, and on an official domain (or a subdomain of one). */
function delegateProblem(address: string, { mailbox, domains }: GrantContext): FormIssue['key'] {
  const value = address.trim().toLowerCase();
  if (!value.includes('@')) return null;
  if (value === mailbox.toLowerCase()) return 'delegateSelf';
  const domain = value.slice(value.lastIndexOf('@') + 1);
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`)) ? null : 'delegateNotOfficial';
}

function check(values: GrantValues, context: GrantContext): FormIssue[] {
  const issues: FormIssue[] = [];
  const problem = delegateProblem(values.delegate, context);
  if (problem) issues.push({ field: 'delegate', key: problem });
  const rights = rightsOf(values);
  if (values.role === 'custom' && normalizeRights(values.letters).invalid.length > 0) {
    issues.push({ field: 'letters', key: 'rights' });
  } else if (rights === '') issues.push({ field: 'letters', key: null });
  if (rights.includes('a') && !values.allowAdmin) issues.push({ field: 'allowAdmin', key: null });
  return issues;
}

function toRequest(values: GrantValues, { folders }: GrantContext) {
  const rights = rightsOf(values);
  const from = startOfDay(values.validFrom);
  const chosen = new Set(values.folders);
  return {
    delegate: given(values.delegate)?.toLowerCase(),
    role: values.role,
    ...(values.role === 'custom' ? { rights } : {}),
    allowAdmin: rights.includes('a') && values.allowAdmin,
    // In the order the server lists the folders, whatever order they were ticked in.
    scope: values.scope === 'all' ? 'all' : folders.filter((f) => chosen.has(f.path)).map((f) => f.path),
    ...(from ? { validFrom: from } : {}),
    validUntil: endOfDay(values.validUntil),
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
  };
}

/** The request's scope is the folders chosen; its rights are the letters. */
const FIELD_OF: Partial<Record<string, keyof GrantValues>> = { scope: 'folders', rights: 'letters' };

export function grantFormSchema(context: GrantContext) {
  return contractFormSchema<GrantValues, GrantRequest>({
    contract: grantRequestSchema,
    toInput: (values) => toRequest(values, context),
    fieldOf: (path) => FIELD_OF[String(path[0])] ?? path.map(String).join('.'),
    check: (values) => check(values, context),
  });
}
