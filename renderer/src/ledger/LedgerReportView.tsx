// "Báo cáo": the register of a period of ngày đến in the decree's layout (PDF A4 landscape, XLSX,
// CSV) or the processing report (received, done on time, late, still open; PDF or XLSX). Main asks
// where to save it and writes the file; the view says where it went and how many entries it holds.
import { useId, useState, type FormEvent } from 'react';
import {
  LEDGER_REPORT_FORMATS,
  LEDGER_REPORT_KINDS,
  type LedgerReportView as ReportResult,
} from '../../../shared/contract-ledger.ts';
import { vietnamDate } from '../../../shared/ledger.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLedgerT } from './i18n.ts';
import type { BookTarget } from './ledgerQuery.ts';

type Kind = (typeof LEDGER_REPORT_KINDS)[number];
type Format = (typeof LEDGER_REPORT_FORMATS)[number];

export function LedgerReportView({ target }: { target: BookTarget }) {
  const { t } = useLedgerT();
  const today = vietnamDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState<Kind>('register');
  const [format, setFormat] = useState<Format>('pdf');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ done?: ReportResult; error?: UiError } | null>(null);
  const formats = formatsOf(kind);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const chosen = formats.includes(format) ? format : 'pdf';
      setOutcome({ done: await invoke('ledger.report', { ...target, from, to, kind, format: chosen }) });
    } catch (err) {
      setOutcome({ error: toUiError(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ledger-report" aria-label={t('report.label')} data-testid="ledger-report">
      <form className="ledger-form" onSubmit={(e) => void submit(e)}>
        <ReportFields value={{ from, to, kind, format }} set={{ setFrom, setTo, setKind, setFormat }} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="report-make">
            {busy ? t('report.making') : t('report.make')}
          </button>
        </div>
      </form>
      {outcome?.error && <ErrorNotice error={outcome.error} testId="report-error" />}
      {outcome?.done && (
        <p role="status" data-testid="report-done" data-entries={outcome.done.entries}>
          {outcome.done.path
            ? t('report.saved', { path: outcome.done.path, count: outcome.done.entries })
            : t('report.cancelled')}
          {!outcome.done.intact && ` ${t('notIntact')}`}
        </p>
      )}
    </section>
  );
}

/** The processing report has no CSV form (it is a summary with several tables). */
function formatsOf(kind: Kind): readonly Format[] {
  return kind === 'processing' ? LEDGER_REPORT_FORMATS.filter((f) => f !== 'csv') : LEDGER_REPORT_FORMATS;
}

interface FieldsProps {
  value: { from: string; to: string; kind: Kind; format: Format };
  set: {
    setFrom(v: string): void;
    setTo(v: string): void;
    setKind(v: Kind): void;
    setFormat(v: Format): void;
  };
}

function ReportFields({ value, set }: FieldsProps) {
  const { t } = useLedgerT();
  const ids = useId();
  const { from, to, kind, format } = value;
  const { setFrom, setTo, setKind, setFormat } = set;
  const formats = formatsOf(kind);
  return (
    <>
      <div className="inline-row">
        <label htmlFor={`${ids}-from`}>{t('report.from')}</label>
        <input
          id={`${ids}-from`}
          type="date"
          required
          value={from}
          data-testid="report-from"
          onChange={(e) => setFrom(e.target.value)}
        />
        <label htmlFor={`${ids}-to`}>{t('report.to')}</label>
        <input
          id={`${ids}-to`}
          type="date"
          required
          value={to}
          data-testid="report-to"
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <fieldset>
        <legend>{t('report.kind')}</legend>
        {LEDGER_REPORT_KINDS.map((k) => (
          <label key={k} className="inline-row">
            <input
              type="radio"
              name={`${ids}-kind`}
              value={k}
              checked={kind === k}
              data-testid={`report-kind-${k}`}
              onChange={() => setKind(k)}
            />
            {t(`report.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${ids}-format`}>{t('report.format')}</label>
      <select
        id={`${ids}-format`}
        value={format}
        data-testid="report-format"
        onChange={(e) => setFormat(e.target.value as Format)}
      >
        {formats.map((f) => (
          <option key={f} value={f}>
            {t(`report.formats.${f}`)}
          </option>
        ))}
      </select>
    </>
  );
}
