// Terminal text helpers for the CLI's tables and `show`: display width and local dates.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** East Asian Wide and Fullwidth blocks: two terminal columns each. */
const WIDE =
  /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f/u;
/** Clusters that take no column: only marks, format characters or controls. */
const ZERO_WIDTH = /^[\p{M}\p{Cf}\p{Cc}]+$/u;

/**
 * Columns a string takes in a terminal: one per grapheme cluster (a Vietnamese
 * letter is one whether written precomposed or with combining tone marks), two
 * for wide CJK characters and emoji, none for a cluster of marks or controls.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (ZERO_WIDTH.test(segment)) continue;
    width += WIDE.test(segment) || EMOJI.test(segment) ? 2 : 1;
  }
  return width;
}

/** Pads with spaces to `width` display columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Where the unit mailboxes are: dates are shown in Vietnam's time, whatever the machine's zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCAL = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** dd/mm/yyyy HH:mm in Vietnam's time; '' for no date or an unreadable one. */
export function localDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const part = Object.fromEntries(LOCAL.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}
