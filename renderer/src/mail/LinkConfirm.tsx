// The confirmation before a link from a message opens outside the app: the real host (in
// Unicode, and in punycode when it is an internationalised domain), the full normalised address
// that will be opened, the text the message showed (hidden characters made visible), and a
// warning for each sign of deception found by shared/link-safety.ts.
import {
  DECEPTIVE_WARNINGS,
  isDeceptive,
  revealHidden,
  type LinkAnalysis,
  type LinkWarning,
} from '../../../shared/link-safety.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { useT } from '../i18n/useT.ts';

type WebLink = Extract<LinkAnalysis, { kind: 'web' }>;

const WARNING_KEYS = {
  'text-differs': 'links.warn.textDiffers',
  bidi: 'links.warn.bidi',
  invisible: 'links.warn.invisible',
  lookalike: 'links.warn.lookalike',
  'mixed-script': 'links.warn.mixedScript',
  credentials: 'links.warn.credentials',
  'ip-host': 'links.warn.ipHost',
  idn: 'links.warn.idn',
  insecure: 'links.warn.insecure',
} as const satisfies Record<LinkWarning, string>;

/** Signs of deception first, then what is only worth knowing (IDN, plain http). */
const ordered = (warnings: LinkWarning[]) =>
  [...warnings].sort((a, b) => Number(DECEPTIVE_WARNINGS.includes(b)) - Number(DECEPTIVE_WARNINGS.includes(a)));

interface Props {
  link: WebLink;
  /** The text the message showed for the link. */
  text: string;
  onConfirm(): void;
  onCancel(): void;
}

export function LinkConfirm({ link, text, onConfirm, onCancel }: Props) {
  const { t } = useT('app');
  const deceptive = isDeceptive(link.warnings);
  const shown = revealHidden(text);
  return (
    <ConfirmDialog
      title={deceptive ? t('links.deceptiveTitle') : t('links.confirmTitle')}
      confirmLabel={deceptive ? t('links.openAnyway') : t('reader.confirmOpen')}
      cancelLabel={t('form.cancel')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="link-confirm"
      danger={deceptive}
    >
      <dl className="link-facts" dir="ltr">
        <dt>{t('links.realHost')}</dt>
        <dd>
          <strong className="link-host" data-testid="link-confirm-host">
            {link.hostUnicode}
          </strong>
        </dd>
        {link.hostUnicode !== link.host && (
          <>
            <dt>{t('links.punycode')}</dt>
            <dd>
              <code data-testid="link-confirm-punycode">{link.host}</code>
            </dd>
          </>
        )}
        <dt>{t('links.fullAddress')}</dt>
        <dd>
          <code className="link-url link-url-big" data-testid="link-confirm-url">
            {link.href}
          </code>
        </dd>
        {shown && shown !== link.href && (
          <>
            <dt>{t('links.shownAs')}</dt>
            <dd>
              <bdi data-testid="link-confirm-text">{shown}</bdi>
            </dd>
          </>
        )}
      </dl>
      {link.warnings.length > 0 && (
        <div className={deceptive ? 'notice notice-error' : 'notice'} role="alert">
          <ul className="link-warnings">
            {ordered(link.warnings).map((w) => (
              <li key={w} data-testid="link-warning" data-warning={w}>
                {t(WARNING_KEYS[w])}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">{t('reader.confirmWarn')}</p>
    </ConfirmDialog>
  );
}
