import { useTranslation } from 'react-i18next';

/**
 * Hỏa tốc (3, red), Thượng khẩn (2, orange), Khẩn (1, amber): the markings of Decree 30/2020;
 * an invitation (Giấy mời) without urgency gets its own badge.
 */
export function UrgencyBadge({ level, kind }: { level: number; kind?: string | null }) {
  const { t } = useTranslation();
  if (level < 1 && kind === 'invitation') {
    const label = t('directives.invitation');
    return (
      <span className="urgency urgency-invitation" data-testid="invitation-badge" title={label}>
        {label}
      </span>
    );
  }
  if (level < 1) return null;
  const clamped = Math.min(3, Math.round(level)) as 1 | 2 | 3;
  const label = t(`directives.urgency${clamped}`);
  return (
    <span className={`urgency urgency-${clamped}`} data-testid="urgency-badge" data-urgency={clamped} title={label}>
      {label}
    </span>
  );
}
