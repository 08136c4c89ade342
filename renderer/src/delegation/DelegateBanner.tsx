// Above the list while the delegate is in a unit mailbox: whose mailbox this
// is, what they may do in the open folder, and that "đã đọc" is kept per
// person. Turns red once the unit no longer shares it with them.
import { PER_USER_SEEN_NOTE, abilitiesOf } from '../../../shared/delegation.ts';
import { Icon } from '../components/Icon.tsx';
import { useDelegationT } from './i18n.ts';
import './delegation.css';
import { RightsWords } from './RightsWords.tsx';
import type { Permits, UnitMailbox } from './sharedFolders.ts';

const ORDER: Array<keyof Permits> = ['read', 'flag', 'move', 'trash'];

export function DelegateBanner({ unit, folder, permits }: { unit: UnitMailbox; folder: string; permits: Permits }) {
  const { t, lang } = useDelegationT();
  if (unit.lost) {
    return (
      <div
        className="banner banner-danger delegate-banner"
        role="alert"
        data-testid="delegate-banner"
        data-state="revoked"
        data-owner={unit.owner}
      >
        <Icon name="lock" /> {t('banner.revoked', { owner: unit.owner })}
      </div>
    );
  }
  const rights = unit.folders.find((f) => f.path === folder)?.rights ?? '';
  const cannot = ORDER.filter((k) => !permits[k]).map((k) => t(`banner.ability.${k}`));
  return (
    <div
      className="banner delegate-banner"
      role="status"
      data-testid="delegate-banner"
      data-state="active"
      data-owner={unit.owner}
    >
      <div className="delegate-banner-title" data-testid="delegate-banner-title">
        <Icon name="inbox" /> {t('banner.working', { owner: unit.owner })}
      </div>
      <div className="delegate-banner-details">
        <span data-testid="delegate-rights">
          {rights ? (
            <>
              {t('banner.rightsLead')} <RightsWords rights={rights} />
            </>
          ) : (
            t('banner.noRights')
          )}
        </span>
        {cannot.length > 0 && (
          <span className="delegate-cannot" data-testid="delegate-cannot">
            {t('banner.cannot', { list: cannot.join(', ') })}
          </span>
        )}
      </div>
      <p className="delegate-seen-note small" data-testid="delegate-seen-note">
        <Icon name="mailOpen" /> {PER_USER_SEEN_NOTE[lang]}
        {!abilitiesOf(rights).keepSeen && <> {t('banner.noSeen')}</>}
      </p>
    </div>
  );
}
