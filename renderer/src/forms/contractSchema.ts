// Forms validate with the IPC contract's own input schemas (shared/contract*.ts),
// so the renderer and main judge an input alike. A form's values are turned
// into the call's input, the contract's schema parses it, and each issue comes
// back on the form field it concerns, its message a catalogue key
// (messageKeyOf). The result, when valid, is the parsed input, ready to send.
import type { FieldValues } from 'react-hook-form';
import { z } from 'zod';
import { SILENT, messageKeyOf, type FormIssue } from './issues.ts';

export interface ContractForm<Values extends FieldValues, Output> {
  /** The contract's input schema of the call the form makes. */
  contract: z.ZodType<Output>;
  /** Form values → the call's input; blank text becomes undefined, which the contract reports as missing. */
  toInput(values: Values): unknown;
  /** The form field of a contract path, where the names differ (default: the path itself). */
  fieldOf?(path: readonly PropertyKey[]): string;
  /** What this screen asks beyond the contract (a consent, a confirmed fingerprint…). */
  check?(values: Values): FormIssue[];
}

export function contractFormSchema<Values extends FieldValues, Output>(form: ContractForm<Values, Output>) {
  const fieldOf = form.fieldOf ?? ((path: readonly PropertyKey[]) => path.map(String).join('.'));
  return z.custom<Values>().transform((values, ctx): Output => {
    const parsed = form.contract.safeParse(form.toInput(values));
    const issues: FormIssue[] = [
      ...(parsed.error?.issues ?? []).map((issue) => ({ field: fieldOf(issue.path), key: messageKeyOf(issue) })),
      ...(form.check?.(values) ?? []),
    ];
    for (const { field, key } of issues) {
      ctx.addIssue({ code: 'custom', path: field.split('.'), message: key ?? SILENT, input: values });
    }
    return parsed.success && issues.length === 0 ? parsed.data : z.NEVER;
  });
}

/** Trimmed text, or undefined when there is none. */
export function given(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
