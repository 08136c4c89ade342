// "Cấp quyền": a staff address on an official domain, a role (Xem, Xử lý,
// Soạn gửi thay, or rights chosen one by one with their words shown live),
// the scope and the validity. The administer right needs its own explicit
// confirmation; Soạn gửi thay says what the mail server must allow too.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACL_RIGHTS,
  DELEGATION_ROLES,
  GRANT_WARNING_TEXT,
  RIGHT_WORDS,
  ROLE_LABELS,
  ROLE_RIGHTS,
  normalizeRights,
  rightsInWords,
  type AclRight,
  type DelegationGrant,
  type DelegationRole,
  type FolderAcl,
  type GrantResult,
} from '../../../shared/delegation.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { dayInput, endOfDay, folderTitle, formatDay, startOfDay } from './format.ts';
import { IdentityErrorNotice } from './IdentityErrorNotice.tsx';
import { useDelegationT, type DelegationT } from './i18n.ts';

interface Props {
  accountId: string;
  mailbox: string;
  folders: FolderAcl[];
  officialDomains: readonly string[];
  /** A grant to change (the form starts from it). */
  initial: DelegationGrant | null;
  onGranted(result: GrantResult): void;
  onOpenIdentity?: () => void;
}

/** Letters offered one by one; `a` has its own confirmation below them. */
const CUSTOM_LETTERS = ACL_RIGHTS.filter((r) => r !== 'a');

function delegateProblem(address: string, mailbox: string, domains: readonly string[], t: DelegationT): string | null {
  const value = address.trim().toLowerCase();
  if (!value.includes('@')) return null;
  if (value === mailbox.toLowerCase()) return t('form.delegateSelf');
  const domain = value.slice(value.lastIndexOf('@') + 1);
  if (!domains.some((d) => domain === d || domain.endsWith(`.${d}`)))
    return t('form.delegateNotOfficial', { domains: domains.join(', ') });
  return null;
}

export function GrantForm({ accountId, mailbox, folders, officialDomains, initial, onGranted, onOpenIdentity }: Props) {
  const { t, lang, locale } = useDelegationT();
  const { t: tm } = useTranslation();
  const ids = useId();
  const initialRole: DelegationRole =
    initial && initial.role !== 'none' && initial.role !== 'credential' ? initial.role : 'xem';
  const [delegate, setDelegate] = useState(initial?.delegate ?? '');
  const [role, setRole] = useState<DelegationRole>(initialRole);
  const [letters, setLetters] = useState(initialRole === 'custom' ? (initial?.rights ?? '') : 'lrs');
  const [allowAdmin, setAllowAdmin] = useState(false);
  const [scopeAll, setScopeAll] = useState(initial ? initial.scope === 'all' : true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    new Set(initial && initial.scope !== 'all' ? initial.scope : []),
  );
  const [validFrom, setValidFrom] = useState(dayInput(new Date()));
  const [validUntil, setValidUntil] = useState(initial?.validUntil ? dayInput(new Date(initial.validUntil)) : '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [result, setResult] = useState<GrantResult | null>(null);

  const custom = normalizeRights(letters);
  const rights = role === 'custom' ? custom.rights : ROLE_RIGHTS[role];
  const words = rightsInWords(rights, lang);
  const wantsAdmin = rights.includes('a');
  const addressProblem = delegateProblem(delegate, mailbox, officialDomains, t);
  const scopeMissing = !scopeAll && chosen.size === 0;
  const invalidLetters = role === 'custom' && custom.invalid.length > 0;
  const canSubmit =
    !busy &&
    delegate.includes('@') &&
    addressProblem === null &&
    rights !== '' &&
    !invalidLetters &&
    !scopeMissing &&
    (!wantsAdmin || allowAdmin);

  const toggleLetter = (letter: AclRight, on: boolean) =>
    setLetters((current) => normalizeRights(on ? current + letter : current.replaceAll(letter, '')).rights);
  const toggleFolder = (path: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(path);
      else next.delete(path);
      return next;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const from = startOfDay(validFrom);
      const granted = await invoke('delegation.grant', {
        accountId,
        request: {
          delegate: delegate.trim().toLowerCase(),
          role,
          ...(role === 'custom' ? { rights } : {}),
          allowAdmin: wantsAdmin && allowAdmin,
          scope: scopeAll ? 'all' : folders.filter((f) => chosen.has(f.path)).map((f) => f.path),
          ...(from ? { validFrom: from } : {}),
          validUntil: endOfDay(validUntil),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      setResult(granted);
      onGranted(granted);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="grant-form" data-testid="grant-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${ids}-delegate`}>{t('form.delegate')}</label>
        <input
          id={`${ids}-delegate`}
          type="email"
          data-testid="grant-delegate"
          value={delegate}
          placeholder={`canbo@${officialDomains[0] ?? 'binhphuoc.gov.vn'}`}
          autoComplete="off"
          aria-invalid={addressProblem !== null}
          onChange={(e) => setDelegate(e.target.value)}
        />
        {addressProblem ? (
          <div className="field-error" data-testid="grant-delegate-error">
            {addressProblem}
          </div>
        ) : (
          <div className="hint">{t('form.delegateHint', { domains: officialDomains.join(', ') })}</div>
        )}
      </div>

      <fieldset className="role-choice">
        <legend className="label">{t('form.role')}</legend>
        {DELEGATION_ROLES.map((r) => (
          <label key={r} className="radio role-option" data-testid="grant-role-option" data-role={r}>
            <input
              type="radio"
              name={`${ids}-role`}
              value={r}
              data-testid={`grant-role-${r}`}
              checked={role === r}
              onChange={() => setRole(r)}
            />
            <span>
              <strong>{ROLE_LABELS[r][lang]}</strong>
              <span className="hint"> — {t(`form.roleHelp.${r}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {role === 'custom' && (
        <fieldset className="custom-rights" data-testid="custom-rights">
          <legend className="label">{t('form.customLegend')}</legend>
          <div className="rights-grid">
            {CUSTOM_LETTERS.map((r) => (
              <label key={r} className="checkbox" title={r}>
                <input
                  type="checkbox"
                  data-testid={`right-${r}`}
                  checked={custom.rights.includes(r)}
                  onChange={(e) => toggleLetter(r, e.target.checked)}
                />
                <span>{RIGHT_WORDS[r][lang]}</span>
              </label>
            ))}
          </div>
          <div className="admin-right">
            <div className="label">{t('form.adminLegend')}</div>
            <label className="checkbox" title="a">
              <input
                type="checkbox"
                data-testid="right-a"
                checked={custom.rights.includes('a')}
                onChange={(e) => {
                  toggleLetter('a', e.target.checked);
                  if (!e.target.checked) setAllowAdmin(false);
                }}
              />
              <span>{RIGHT_WORDS.a[lang]}</span>
            </label>
            {wantsAdmin && (
              <div className="notice notice-warning" role="alert" data-testid="admin-warning">
                <p className="notice-message">
                  <Icon name="warning" /> {GRANT_WARNING_TEXT['admin-right'][lang]}
                </p>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    data-testid="admin-confirm"
                    checked={allowAdmin}
                    onChange={(e) => setAllowAdmin(e.target.checked)}
                  />
                  <span>{t('form.adminConfirm')}</span>
                </label>
              </div>
            )}
          </div>
          <label className="field letters-field">
            <span className="hint">{t('form.lettersLabel')}</span>
            <input
              type="text"
              className="mono"
              data-testid="custom-letters"
              value={letters}
              spellCheck={false}
              aria-invalid={invalidLetters}
              onChange={(e) => setLetters(e.target.value.toLowerCase().replace(/\s/g, ''))}
            />
          </label>
          {invalidLetters && (
            <div className="field-error" data-testid="custom-letters-error">
              {custom.invalid.join(', ')}
            </div>
          )}
        </fieldset>
      )}

      <p
        className="rights-preview"
        data-testid="grant-preview"
        data-rights={rights}
        title={t('form.lettersTip', { letters: rights })}
      >
        {words.length ? t('form.preview', { words: words.join(', ') }) : t('form.previewEmpty')}
      </p>
      {rights.includes('p') && (
        <p className="notice notice-info" data-testid="smtp-note">
          {GRANT_WARNING_TEXT['smtp-sender-needed'][lang]}
        </p>
      )}

      <fieldset>
        <legend className="label">{t('form.scope')}</legend>
        <label className="radio">
          <input
            type="radio"
            name={`${ids}-scope`}
            data-testid="grant-scope-all"
            checked={scopeAll}
            onChange={() => setScopeAll(true)}
          />
          <span>{t('form.scopeAll')}</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${ids}-scope`}
            data-testid="grant-scope-some"
            checked={!scopeAll}
            onChange={() => setScopeAll(false)}
          />
          <span>{t('form.scopeSome')}</span>
        </label>
        {!scopeAll && (
          <ul className="scope-folders" data-testid="grant-scope-folders">
            {folders.map((f) => (
              <li key={f.path}>
                <label className="checkbox" title={f.path}>
                  <input
                    type="checkbox"
                    data-testid="grant-scope-folder"
                    data-path={f.path}
                    checked={chosen.has(f.path)}
                    onChange={(e) => toggleFolder(f.path, e.target.checked)}
                  />
                  <span>{folderTitle(f.path, f.name, tm)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {scopeMissing && <div className="field-error">{t('form.scopeNone')}</div>}
      </fieldset>

      <div className="form-grid validity">
        <div className="field">
          <label htmlFor={`${ids}-from`}>{t('form.validFrom')}</label>
          <input
            id={`${ids}-from`}
            type="date"
            data-testid="grant-valid-from"
            value={validFrom}
            min={dayInput(new Date())}
            onChange={(e) => setValidFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-until`}>{t('form.validUntil')}</label>
          <input
            id={`${ids}-until`}
            type="date"
            data-testid="grant-valid-until"
            value={validUntil}
            min={validFrom}
            onChange={(e) => setValidUntil(e.target.value)}
          />
        </div>
      </div>
      <div className="hint">{t('form.validUntilHint')}</div>

      <div className="field">
        <label htmlFor={`${ids}-note`}>{t('form.note')}</label>
        <input
          id={`${ids}-note`}
          type="text"
          data-testid="grant-note"
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="grant-submit" disabled={!canSubmit}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
      </div>

      {result && (
        <div className="notice notice-ok" role="status" data-testid="grant-result" data-seq={result.record.seq}>
          <p className="notice-message">
            {result.folders.length === 0 && result.warnings.includes('not-yet-valid')
              ? t('form.scheduled', {
                  delegate: result.delegate,
                  seq: result.record.seq,
                  from: formatDay(result.validFrom, locale),
                })
              : t('form.granted', {
                  role: ROLE_LABELS[result.role][lang],
                  delegate: result.delegate,
                  count: result.folders.length,
                  seq: result.record.seq,
                })}
          </p>
          {result.warnings
            .filter((w) => w !== 'not-yet-valid')
            .map((w) => (
              <p key={w} className="small" data-testid="grant-warning" data-warning={w}>
                {GRANT_WARNING_TEXT[w][lang]}
              </p>
            ))}
        </div>
      )}
      {error && (
        <IdentityErrorNotice
          error={error}
          testId="grant-error"
          onOpenIdentity={onOpenIdentity}
          note={t('form.identityNeeded')}
        />
      )}
    </form>
  );
}
