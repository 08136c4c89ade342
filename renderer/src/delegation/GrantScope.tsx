// Where and how long a grant holds: the whole mailbox or chosen folders, the
// validity days, and a note for the register.
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FolderAcl } from '../../../shared/delegation.ts';
import { FieldError } from '../forms/FieldError.tsx';
import { folderTitle } from './format.ts';
import type { GrantValues } from './grantSchema.ts';
import { useDelegationT } from './i18n.ts';

interface ScopeProps {
  folders: FolderAcl[];
  chosen: string[];
  scope: GrantValues['scope'];
}

export function ScopeChoice({ folders, chosen, scope }: ScopeProps) {
  const { t } = useDelegationT();
  const { t: tm } = useTranslation();
  const { register, setValue, formState } = useFormContext<GrantValues>();
  // Changing the scope re-checks the folders: "some" with none chosen is said at once.
  const scopeField = register('scope', { deps: ['folders'] });
  const toggle = (path: string, on: boolean) =>
    setValue('folders', on ? [...chosen, path] : chosen.filter((p) => p !== path), { shouldValidate: true });
  return (
    <fieldset>
      <legend className="label">{t('form.scope')}</legend>
      <label className="radio">
        <input type="radio" value="all" data-testid="grant-scope-all" {...scopeField} />
        <span>{t('form.scopeAll')}</span>
      </label>
      <label className="radio">
        <input type="radio" value="some" data-testid="grant-scope-some" {...scopeField} />
        <span>{t('form.scopeSome')}</span>
      </label>
      {scope === 'some' && (
        <ul className="scope-folders" data-testid="grant-scope-folders">
          {folders.map((f) => (
            <li key={f.path}>
              <label className="checkbox" title={f.path}>
                <input
                  type="checkbox"
                  data-testid="grant-scope-folder"
                  data-path={f.path}
                  checked={chosen.includes(f.path)}
                  onChange={(e) => toggle(f.path, e.target.checked)}
                />
                <span>{folderTitle(f.path, f.name, tm)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {scope === 'some' && <FieldError error={formState.errors.folders} />}
    </fieldset>
  );
}

interface ValidityProps {
  ids: string;
  today: string;
  validFrom: string;
}

export function ValidityFields({ ids, today, validFrom }: ValidityProps) {
  const { t } = useDelegationT();
  const { register } = useFormContext<GrantValues>();
  return (
    <>
      <div className="form-grid validity">
        <div className="field">
          <label htmlFor={`${ids}-from`}>{t('form.validFrom')}</label>
          <input id={`${ids}-from`} type="date" data-testid="grant-valid-from" min={today} {...register('validFrom')} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-until`}>{t('form.validUntil')}</label>
          <input
            id={`${ids}-until`}
            type="date"
            data-testid="grant-valid-until"
            min={validFrom}
            {...register('validUntil')}
          />
        </div>
      </div>
      <div className="hint">{t('form.validUntilHint')}</div>
      <div className="field">
        <label htmlFor={`${ids}-note`}>{t('form.note')}</label>
        <input id={`${ids}-note`} type="text" data-testid="grant-note" maxLength={500} {...register('note')} />
      </div>
    </>
  );
}
