// "Danh bạ" in the settings: import a vCard or CSV file (main opens its own dialog) and see what
// was taken and what not; the contacts, searchable; and the province directory's status.
import { useDeferredValue, useEffect, useId, useState } from 'react';
import type { Contact, ContactsImportReport } from '../../../shared/directory.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/useT.ts';
import { DirectoryStatusView } from './DirectoryStatusView.tsx';
import { ImportReport } from './ImportReport.tsx';
import './contacts.css';

function useContacts(query: string, version: number) {
  const [found, setFound] = useState<{ query: string; list: Contact[] } | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let live = true;
    invoke('contacts.list', { query, limit: 200 })
      .then((list) => live && setFound({ query, list }))
      .catch((e: unknown) => live && setError(toUiError(e)));
    return () => {
      live = false;
    };
  }, [query, version]);
  return { found, error };
}

function ContactTable({ contacts, label }: { contacts: Contact[]; label: string }) {
  const { t } = useT('receipts');
  return (
    // Scrolls on its own: a stop for the keyboard, named for a screen reader.
    <div className="contacts-table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="contacts-table" aria-label={label} data-testid="contacts-table">
        <thead>
          <tr>
            <th scope="col">{t('contacts.name')}</th>
            <th scope="col">{t('contacts.address')}</th>
            <th scope="col">{t('contacts.unit')}</th>
            <th scope="col">{t('contacts.phone')}</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => (
            <tr key={c.id} data-testid="contact-row">
              <td>{c.name}</td>
              <td dir="ltr">{c.address}</td>
              <td>{[c.title, c.organization].filter(Boolean).join(' · ')}</td>
              <td dir="ltr">{c.phone}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportButton({ onImported }: { onImported(report: ContactsImportReport | null): void }) {
  const { t } = useT('receipts');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      onImported(await invoke('contacts.import', {}));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn" data-testid="contacts-import" disabled={busy} onClick={() => void run()}>
        {busy ? t('contacts.importing') : t('contacts.import')}
      </button>
      {error && <ErrorNotice error={error} testId="contacts-import-error" />}
    </>
  );
}

export function ContactsSettings({ accountId }: { accountId: string }) {
  const { t } = useT('receipts');
  const id = useId();
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim());
  const [version, setVersion] = useState(0);
  const [report, setReport] = useState<ContactsImportReport | null | 'cancelled'>(null);
  const { found, error } = useContacts(query, version);
  const list = found?.list ?? [];
  return (
    <section className="card-section contacts-settings" aria-labelledby={`${id}-title`} data-testid="contacts-settings">
      <h2 id={`${id}-title`}>{t('contacts.title')}</h2>
      <p className="hint">{t('contacts.intro')}</p>
      <ImportButton
        onImported={(r) => {
          setReport(r ?? 'cancelled');
          setVersion((v) => v + 1);
        }}
      />
      {report === 'cancelled' && (
        <p role="status" className="muted" data-testid="contacts-cancelled">
          {t('contacts.cancelled')}
        </p>
      )}
      {report && report !== 'cancelled' && <ImportReport report={report} />}
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('contacts.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          data-testid="contacts-search"
          placeholder={t('contacts.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {error && <ErrorNotice error={error} testId="contacts-error" />}
      <p className="muted" role="status" data-testid="contacts-count">
        {found === null
          ? ''
          : list.length > 0
            ? t('contacts.count', { count: list.length })
            : query
              ? t('contacts.noMatch')
              : t('contacts.empty')}
      </p>
      {list.length > 0 && <ContactTable contacts={list} label={t('contacts.list')} />}
      <DirectoryStatusView accountId={accountId} />
    </section>
  );
}
