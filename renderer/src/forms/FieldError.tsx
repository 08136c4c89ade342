// A field's validation message under it, from the 'validation' catalogue group.
import { useT } from '../i18n/useT.ts';
import type { TValues } from '../i18n/types.ts';
import { isValidationKey } from './issues.ts';

interface Props {
  /** react-hook-form's error of the field; its message is a validation key (issues.ts). */
  error: { message?: string } | undefined;
  /** The field's label, named in "Hãy nhập {{field}}.". */
  label?: string;
  /** Further values the message names ({{domains}}, {{letters}}). */
  values?: TValues;
  id?: string;
  testId?: string;
  /** role="alert": for a message that appears when the user acts, not one that follows typing. */
  alert?: boolean;
}

export function FieldError({ error, label = '', values, id, testId, alert = false }: Props) {
  const { t } = useT('app');
  const key = error?.message;
  if (!isValidationKey(key)) return null;
  return (
    <div className="field-error" id={id} role={alert ? 'alert' : undefined} data-testid={testId}>
      {t(`validation.${key}`, { field: label.toLocaleLowerCase(), ...values })}
    </div>
  );
}
