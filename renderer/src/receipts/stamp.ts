// "14:05 03/12/2026": the one form receipts are shown in (hour:minute day/month/year, local
// time), as the unit's paperwork writes it, in either language.

const two = (n: number) => String(n).padStart(2, '0');

export function formatStamp(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}
