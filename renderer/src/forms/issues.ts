// The one place where a validation problem becomes a message: a zod issue from
// the contract's input schema (or a form's own check) is mapped to a key of the
// 'validation' catalogue group (renderer/src/i18n/vi/app.ts).
import type { z } from 'zod';
import { appVi } from '../i18n/vi/app.ts';

export type ValidationKey = keyof (typeof appVi)['validation'];

/** The message of a problem that blocks sending but says nothing (the screen shows why otherwise). */
export const SILENT = 'silent';

/** A problem a form finds beyond the contract; `key: null` blocks sending without a message (SILENT). */
export interface FormIssue {
  /** The form field, dotted ("imap.port"). */
  field: string;
  key: ValidationKey | null;
}

type Issue = Pick<z.core.$ZodIssue, 'code' | 'path' | 'message'> & { origin?: string };

/** Fields whose every problem has one message, whatever zod found. */
const WHATEVER: Partial<Record<string, ValidationKey>> = { port: 'port', scope: 'chooseFolder' };
/** Fields with a message of their own for a value that is there but wrong. */
const WRONG: Partial<Record<string, ValidationKey>> = {
  email: 'email',
  delegate: 'email',
  host: 'host',
  bagName: 'bagName',
};

const KEYS = new Set<string>(Object.keys(appVi.validation));

export function isValidationKey(value: unknown): value is ValidationKey {
  return typeof value === 'string' && KEYS.has(value);
}

/**
 * The message of a zod issue. A form's own checks name their key (custom issues); the
 * contract's issues are read by field and code: a value that is missing or empty is
 * "required", a value that is there but wrong gets its field's message.
 */
export function messageKeyOf(issue: Issue): ValidationKey {
  if (issue.code === 'custom' && isValidationKey(issue.message)) return issue.message;
  const field = String(issue.path.at(-1) ?? '');
  const whatever = WHATEVER[field];
  if (whatever) return whatever;
  if (issue.code === 'invalid_type' || (issue.code === 'too_small' && issue.origin === 'string')) return 'required';
  return WRONG[field] ?? 'invalid';
}
