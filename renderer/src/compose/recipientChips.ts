// A recipient field's chips: text typed or pasted becomes one chip per recipient, each
// checked (a usable address?) and placed against the Article 11 policy (free webmail is
// refused for a unit mailbox; outside the official domains needs a confirmation). Pure.
import type { SendPolicyView } from '../../../shared/compose.ts';
import { formatRecipient, normalizeAddress, parseRecipients } from '../../../shared/recipients.ts';
import { classifyRecipients } from '../../../shared/send-policy.ts';

export type InvalidReason = 'noAt' | 'local' | 'domain' | 'format';
export type ChipProblem = 'invalid' | 'freemail' | 'outside';

export interface ChipView {
  /** The chip's text as the field keeps it ("Name <address>", or what was typed when invalid). */
  text: string;
  /** What the chip shows: the name, else the address. */
  label: string;
  address: string;
  problem: ChipProblem | null;
  invalidReason: InvalidReason | null;
}

/** Splits typed or pasted text (separated by "," ";" or new lines) into chip texts. */
export function splitRecipients(text: string): string[] {
  const { recipients, invalid } = parseRecipients(text);
  return [...recipients.map((r) => formatRecipient(r)), ...invalid];
}

/** Why a piece is not an address, in words the catalogue has. */
export function invalidReason(text: string): InvalidReason {
  const bare = (/<([^<>]*)>/.exec(text)?.[1] ?? text).trim();
  const at = bare.lastIndexOf('@');
  if (at < 0) return 'noAt';
  if (at === 0 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(bare.slice(0, at))) return 'local';
  const domain = bare.slice(at + 1);
  if (!domain.includes('.') || /\s|\.\.|^\.|\.$/.test(domain)) return 'domain';
  return 'format';
}

/** Which Article 11 class an address falls in, under the policy (null: not known yet). */
export function policyProblem(address: string, policy: SendPolicyView | null): ChipProblem | null {
  if (!policy) return null;
  const classes = classifyRecipients([address], policy);
  if (classes.freemail.length > 0) return 'freemail';
  if (classes.outside.length > 0) return 'outside';
  return null;
}

export function chipView(text: string, policy: SendPolicyView | null): ChipView {
  const { recipients } = parseRecipients(text);
  const one = recipients.length === 1 ? recipients[0] : undefined;
  if (!one || !normalizeAddress(one.address)) {
    return { text, label: text, address: '', problem: 'invalid', invalidReason: invalidReason(text) };
  }
  return {
    text,
    label: one.name || one.address,
    address: one.address,
    problem: policyProblem(one.address, policy),
    invalidReason: null,
  };
}

/** Adds chips to a field, leaving out those already there (same address). */
export function addChips(current: string[], added: string[]): string[] {
  const key = (t: string) => (parseRecipients(t).recipients[0]?.address ?? t).toLowerCase();
  const seen = new Set(current.map(key));
  const out = [...current];
  for (const text of added) {
    if (seen.has(key(text))) continue;
    seen.add(key(text));
    out.push(text);
  }
  return out;
}
