import { useTranslation } from 'react-i18next';
import type { FieldProblem } from './draft.ts';

/** Inline hint under a field; main's validation stays authoritative. */
export function FieldError({ problem, field }: { problem: FieldProblem | undefined; field: string }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const text = problem === 'required' ? t('form.required', { field: field.toLocaleLowerCase() }) : t(`form.${problem}`);
  return (
    <div className="field-error" role="alert" data-testid="field-error">
      {text}
    </div>
  );
}
