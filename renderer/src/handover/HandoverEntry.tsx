// The ways into the handover window: a button in the mail view's top bar,
// and, on the first-run screen, a section for an incoming head who has no
// account yet and takes the unit mailbox over from a package.
import { Icon } from '../components/Icon.tsx';
import type { HandoverTab } from './tabs.ts';
import { useHandoverT } from './i18n.ts';

export function HandoverEntry({ onOpen }: { onOpen(tab: HandoverTab): void }) {
  const { t } = useHandoverT();
  // One button: the top bar is full at 1280 px, and "Chữ ký số" is the window's first tab.
  return (
    <button
      type="button"
      className="btn btn-ghost"
      data-testid="btn-handover"
      title={t('entry.handoverTitle')}
      onClick={() => onOpen('export')}
    >
      <Icon name="archive" /> {t('entry.handover')}
    </button>
  );
}

export function HandoverFirstRunEntry({ onOpen }: { onOpen(tab: HandoverTab): void }) {
  const { t } = useHandoverT();
  return (
    <section className="card-section" aria-labelledby="first-run-handover" data-testid="first-run-handover">
      <h2 id="first-run-handover">{t('entry.firstRunTitle')}</h2>
      <p className="hint">{t('entry.firstRunText')}</p>
      <div className="inline-row">
        <button type="button" className="btn" data-testid="first-run-identity" onClick={() => onOpen('identity')}>
          <Icon name="lock" /> {t('entry.identity')}
        </button>
        <button type="button" className="btn" data-testid="first-run-accept" onClick={() => onOpen('accept')}>
          <Icon name="archive" /> {t('entry.firstRunAccept')}
        </button>
      </div>
    </section>
  );
}
