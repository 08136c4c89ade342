// What "Nhập danh bạ" did, in the UI language: "N imported, M skipped", and per reason how many
// records were left out, with a few examples as found in the file (for the user to fix them).
import type { ContactsImportReport } from '../../../shared/directory.ts';
import { useT } from '../i18n/useT.ts';

export function ImportReport({ report }: { report: ContactsImportReport }) {
  const { t } = useT('receipts');
  return (
    <div className="notice notice-ok" role="status" data-testid="contacts-report">
      <p data-testid="contacts-report-summary">
        {t('contacts.report', {
          file: report.file,
          imported: report.imported,
          updated: report.updated,
          unchanged: report.unchanged,
          skipped: report.skipped,
        })}
      </p>
      {report.reasons.length > 0 && (
        <>
          <p>{t('contacts.reasonsTitle')}</p>
          <ul data-testid="contacts-report-reasons">
            {report.reasons.map((r) => (
              <li key={r.reason} data-reason={r.reason}>
                {t('contacts.reasonLine', { reason: t(`contacts.reason.${r.reason}`), count: r.count })}
                {r.examples.length > 0 && (
                  <>
                    {' ('}
                    <span dir="auto">{t('contacts.examples', { list: r.examples.join('; ') })}</span>
                    {')'}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
