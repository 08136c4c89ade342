// The register form: the NĐ 30 fields read from the message (subject, body, attachment names, by
// shared/ledger-fields.ts, the same parser the service uses), editable, then "Vào sổ". What is
// sent is what the clerk saw and corrected; the số đến comes back from the book.
import { useId, useRef, useState, type FormEvent } from 'react';
import { URGENCIES, type RegisterFields, type Urgency } from '../../../shared/ledger.ts';
import { parseRegisterFields } from '../../../shared/ledger-fields.ts';
import type { MessageDetail } from '../../../shared/mail.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { useLedgerT, type LedgerKey } from './i18n.ts';
import type { EntryRef } from './useLedgerData.ts';

type Editable = Omit<RegisterFields, 'ngayDen' | 'ngayVanBan'> & { ngayVanBan: string };
type TextKey = Exclude<keyof Editable, 'urgency'>;
const TEXT_FIELDS: TextKey[] = ['soKyHieu', 'tenLoai', 'trichYeu', 'tacGia', 'ngayVanBan', 'nguoiNhan', 'ghiChu'];

/** The form's first values: what the parser reads from the message. */
export function initialFields(message: MessageDetail): Editable {
  const from = message.from[0];
  const parsed = parseRegisterFields({
    subject: message.subject,
    body: message.text,
    attachmentNames: message.attachments.map((a) => a.filename),
    fromName: from?.name ?? '',
    fromAddress: from?.address ?? '',
  });
  return { ...parsed, ngayVanBan: parsed.ngayVanBan ?? '', nguoiNhan: '', ghiChu: '' };
}

interface Props {
  accountId: string;
  mailbox: string | null;
  message: MessageDetail;
  onClose(): void;
  onRegistered(entry: EntryRef): void;
}

export function RegisterDialog({ accountId, mailbox, message, onClose, onRegistered }: Props) {
  const { t } = useLedgerT();
  const card = useRef<HTMLDivElement>(null);
  const id = useId();
  useModalFocus(card, onClose);
  const [fields, setFields] = useState<Editable>(() => initialFields(message));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { ngayVanBan, ...rest } = fields;
      const r = await invoke('ledger.register', {
        accountId,
        ...(mailbox ? { mailbox } : {}),
        folder: message.folder,
        uid: message.uid,
        fields: { ...rest, ngayVanBan: /^\d{4}-\d{2}-\d{2}$/.test(ngayVanBan) ? ngayVanBan : null },
      });
      onRegistered({ year: r.entry.year, number: r.entry.number });
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay" data-testid="ledger-register-dialog">
      <div
        ref={card}
        className="overlay-card ledger-register-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
      >
        <h1 id={id}>{t('register.title')}</h1>
        <p className="intro">{t('register.intro')}</p>
        <form className="ledger-form" onSubmit={(e) => void submit(e)}>
          <FieldsGrid fields={fields} onChange={setFields} />
          {error && <ErrorNotice error={error} testId="ledger-register-error" />}
          <div className="inline-row">
            <button type="submit" className="btn btn-primary" data-testid="ledger-register-submit" disabled={busy}>
              {t('register.submit')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {t('action.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function FieldsGrid({ fields, onChange }: { fields: Editable; onChange(change: (f: Editable) => Editable): void }) {
  const { t, urgency } = useLedgerT();
  const id = useId();
  const set = (k: keyof Editable, v: string) => onChange((f) => ({ ...f, [k]: v }));
  return (
    <div className="ledger-form-grid">
      {TEXT_FIELDS.map((k) => (
        <div key={k} className={`field${k === 'trichYeu' || k === 'ghiChu' ? ' is-wide' : ''}`}>
          <label htmlFor={`${id}-${k}`}>{t(`register.${k}` as LedgerKey)}</label>
          <input
            id={`${id}-${k}`}
            type={k === 'ngayVanBan' ? 'date' : 'text'}
            data-testid={`ledger-register-${k}`}
            value={fields[k]}
            onChange={(e) => set(k, e.target.value)}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-urgency`}>{t('register.urgency')}</label>
        <select
          id={`${id}-urgency`}
          data-testid="ledger-register-urgency"
          value={fields.urgency}
          onChange={(e) => onChange((f) => ({ ...f, urgency: e.target.value as Urgency }))}
        >
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {urgency(u)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
