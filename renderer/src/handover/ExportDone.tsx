// The export wizard's last page: what the signed bag holds, where it is, and
// what the two heads do next.
import type { HandoverExportSummary } from '../../../shared/contract-handover.ts';
import { useHandoverT } from './i18n.ts';
import { useRevealOnMount } from './useRevealOnMount.ts';

export function ExportDone({ result, onAgain }: { result: HandoverExportSummary; onAgain(): void }) {
  const { t } = useHandoverT();
  const ref = useRevealOnMount<HTMLElement>('start');
  return (
    <section ref={ref} className="handover-screen" aria-labelledby="export-done-heading" data-testid="export-done">
      <div className="verdict verdict-ok" role="status">
        <h2 id="export-done-heading">{t('export.done.heading')}</h2>
        <p>{t('export.done.sub')}</p>
      </div>
      <ExportSummary result={result} />
      {result.consistent ? (
        <p className="hint-ok" data-testid="export-done-consistent">
          {t('export.done.consistent')}
        </p>
      ) : (
        <div className="notice notice-warning" data-testid="export-done-changes">
          <p className="notice-message">{t('export.done.changed')}</p>
          <ul>
            {result.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="notice notice-warning" data-testid="export-done-password-note">
        <p className="notice-message">{t('export.done.passwordReset')}</p>
      </div>
      <div className="notice notice-info">
        <p className="notice-text">{t('export.done.next')}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" data-testid="export-again" onClick={onAgain}>
          {t('export.done.again')}
        </button>
      </div>
    </section>
  );
}

function ExportSummary({ result }: { result: HandoverExportSummary }) {
  const { t, f } = useHandoverT();
  return (
    <dl className="summary-list">
      <dt>{t('export.done.messages')}</dt>
      <dd data-testid="export-done-messages" data-value={result.messages}>
        {f.count(result.messages)}
      </dd>
      <dt>{t('export.done.folders')}</dt>
      <dd>{f.count(result.folders)}</dd>
      <dt>{t('export.done.size')}</dt>
      <dd>{f.size(result.bytes)}</dd>
      <dt>{t('export.done.oxum')}</dt>
      <dd>
        <code>{result.payloadOxum}</code>
      </dd>
      <dt>{t('export.done.tagmanifest')}</dt>
      <dd>
        <code className="hash" data-testid="export-done-tagmanifest">
          {result.tagmanifestSha256}
        </code>
      </dd>
      <dt>{t('export.done.bag')}</dt>
      <dd>
        <code className="path" data-testid="export-done-bag">
          {result.bagDir}
        </code>
      </dd>
      {result.tarPath && (
        <>
          <dt>{t('export.done.tar')}</dt>
          <dd>
            <code className="path" data-testid="export-done-tar">
              {result.tarPath}
            </code>
          </dd>
        </>
      )}
      {result.resumed > 0 && (
        <>
          <dt>{t('export.done.resumed')}</dt>
          <dd data-testid="export-done-resumed">{f.count(result.resumed)}</dd>
        </>
      )}
      <dt>{t('export.done.duration')}</dt>
      <dd>{f.duration(result.durationMs)}</dd>
    </dl>
  );
}
