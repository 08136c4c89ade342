// Reply and forward subjects: exactly one prefix, never a stack. Mail that has travelled between
// Outlook (Vietnamese: "TL:", "CV:"), Thunderbird, webmail and phones arrives with stacks such as
// "RE: TL: Re: Fwd: V/v triển khai…"; the composer collapses them into one "Re: " or "Fwd: ".

/**
 * Reply and forward prefixes seen in the wild, lowercase (matching is case-insensitive):
 * English, Vietnamese Outlook and webmail (TL = Trả lời, CV = Chuyển tiếp), with and without
 * diacritics, and the usual European ones (AW/WG German, SV/VS Nordic, TR/RV French and Spanish…).
 */
const PREFIX_WORDS = [
  're',
  'aw',
  'sv',
  'antw',
  'odp',
  'tl',
  'trả lời',
  'tra loi',
  'fwd',
  'fw',
  'cv',
  'chuyển tiếp',
  'chuyen tiep',
  'wg',
  'tr',
  'rv',
  'vs',
  'enc',
  'doorst',
  'vl',
  'ynt',
];

const wordPattern = PREFIX_WORDS.map((w) => w.replace(/ /g, '\\s+'))
  // Longest first, so "fwd" is tried before "fw".
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * One prefix: the word, an optional counter ("Re[2]:", "Re(3):", "Re^2:"), then a colon (ASCII
 * or full-width), with any spacing around the colon ("Re : ", "RE:RE:").
 */
const ONE_PREFIX = new RegExp(`^(?:${wordPattern})\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:\\uff1a]\\s*`, 'iu');

/**
 * The subject without any stack of reply/forward prefixes, NFC, trimmed. Everything after the
 * prefixes (tags like "[MẬT]", "V/v …", inner colons) is kept as it is.
 */
export function stripReplyPrefixes(subject: string): string {
  let rest = subject.normalize('NFC').trim();
  for (;;) {
    const match = ONE_PREFIX.exec(rest);
    if (!match) return rest;
    rest = rest.slice(match[0].length).trimStart();
  }
}

function withPrefix(prefix: string, subject: string): string {
  const rest = stripReplyPrefixes(subject);
  return rest === '' ? prefix : `${prefix} ${rest}`;
}

/** "Re: " and the subject without any earlier prefix. */
export function replySubject(subject: string): string {
  return withPrefix('Re:', subject);
}

/**
 * "Fwd: " and the subject without any earlier prefix (a forwarded reply reads "Fwd: X", not
 * "Fwd: Re: X": the issue asks for one prefix, never stacked).
 */
export function forwardSubject(subject: string): string {
  return withPrefix('Fwd:', subject);
}
