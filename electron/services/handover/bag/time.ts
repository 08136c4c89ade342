/**
 * Vietnam time (UTC+07:00, no daylight saving since 1975). IMAP INTERNALDATE carries the
 * server's zone, which imapflow drops; dates in the bag are written in the zone of the people
 * who read the record, so the same instant always prints the same way.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** RFC 3339 with a numeric zone, e.g. `2026-11-23T08:00:00+07:00` (milliseconds only when present). */
export function rfc3339(date: Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const iso = local.toISOString();
  const base = local.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${base}${zone}`;
}
