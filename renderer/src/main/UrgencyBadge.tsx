import { useTranslation } from 'react-i18next';

/** Hỏa tốc (3, red), Thượng khẩn (2, orange), Khẩn (1, amber): the markings of Decree 30/2020. */
export function UrgencyBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  if (level < 1) return null;
  const clamped = Math.min(3, Math.round(level)) as 1 | 2 | 3;
  const label = t(`directives.urgency${clamped}`);
  return (
    <span className={`urgency urgency-${clamped}`} data-testid="urgency-badge" data-urgency={clamped} title={label}>
      {label}
    </span>
  );
}
