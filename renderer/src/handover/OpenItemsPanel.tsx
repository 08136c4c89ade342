// The first thing the incoming head sees after accepting: the open items (việc đang dở dang)
// the package's record lists, overdue first, with assignee and deadline, and the chain heads
// the record states for the ledger and the audit.
import type { HandoverChainHead, HandoverLedgerSummary, HandoverOpenItem } from '../../../shared/handover-ledger.ts';
import type { EntryStatus } from '../../../shared/ledger.ts';
import { useHandoverT, type HandoverT } from './i18n.ts';

const dmy = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function statusText(t: HandoverT, status: EntryStatus): string {
  switch (status) {
    case 'da-vao-so':
      return t('openItems.statusRegistered');
    case 'da-giao':
      return t('openItems.statusAssigned');
    case 'dang-xu-ly':
      return t('openItems.statusInProgress');
    case 'da-xu-ly':
      return t('openItems.statusDone');
    case 'luu':
      return t('openItems.statusFiled');
  }
}

function ItemRow({ item }: { item: HandoverOpenItem }) {
  const { t } = useHandoverT();
  const doc = [item.soKyHieu, item.trichYeu].filter(Boolean).join(' – ');
  return (
    <tr
      data-testid="open-item"
      data-number={`${item.number}/${item.year}`}
      data-overdue={item.overdue}
      className={item.overdue ? 'text-danger' : undefined}
    >
      <td className="num">{`${item.number}/${item.year}`}</td>
      <td>{doc}</td>
      <td>{item.assignee ?? t('openItems.unassigned')}</td>
      <td>
        {item.deadline ? dmy(item.deadline) : t('openItems.noDeadline')}
        {item.overdue && <strong> {t('openItems.overdueMark')}</strong>}
      </td>
      <td>{statusText(t, item.status)}</td>
    </tr>
  );
}

function ChainLine({ name, chain }: { name: string; chain: HandoverChainHead }) {
  const { t } = useHandoverT();
  return (
    <li data-testid="chain-head" data-intact={chain.intact}>
      {name}: {t('openItems.records', { count: chain.records })}
      {chain.head ? (
        <>
          {' — '}
          {chain.intact ? t('openItems.intact') : t('openItems.broken')} <code className="hash">{chain.head}</code>
        </>
      ) : null}
    </li>
  );
}

export function OpenItemsPanel({ ledger }: { ledger: HandoverLedgerSummary }) {
  const { t } = useHandoverT();
  return (
    <section className="report-section" aria-labelledby="accept-open-items-heading" data-testid="accept-open-items">
      <h4 id="accept-open-items-heading">{t('openItems.heading')}</h4>
      {ledger.open === 0 ? (
        <p className="hint-ok">{t('openItems.none')}</p>
      ) : (
        <>
          <p className={ledger.overdue > 0 ? 'text-danger' : undefined} data-testid="open-items-summary">
            {t('openItems.intro', { count: ledger.open })}
            {ledger.overdue > 0 ? ` ${t('openItems.overdue', { count: ledger.overdue })}` : ''}
          </p>
          <table className="data-table">
            <caption className="visually-hidden">{t('openItems.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('openItems.number')}</th>
                <th scope="col">{t('openItems.document')}</th>
                <th scope="col">{t('openItems.assignee')}</th>
                <th scope="col">{t('openItems.deadline')}</th>
                <th scope="col">{t('openItems.status')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.openItems.map((item) => (
                <ItemRow key={`${item.year}/${item.number}`} item={item} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <ul className="plain-list muted small">
        <ChainLine name={t('openItems.ledgerChain')} chain={ledger.chains.ledger} />
        <ChainLine name={t('openItems.auditChain')} chain={ledger.chains.audit} />
      </ul>
    </section>
  );
}
