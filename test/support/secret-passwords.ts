// Passwords built to break naive redaction: JSON metacharacters, backslashes, line and paragraph
// separators, Vietnamese with a quote, emoji, right-to-left text with a bidi override; and every
// form one of them could take in a text (raw, JSON-escaped once and twice, base64, URL-encoded).
export const HOSTILE_PASSWORDS = [
  '"\\\n\u2028{}[]:,',
  'mật"khẩu\\',
  'p@ss🔑🇻🇳"w\\rd',
  'كلمة\u202Eسر"\\x',
  '</script>"},{"level":"x',
] as const;

/** Passwords of the same kind that fit on one line (for `--password-stdin`). */
export const ONE_LINE_PASSWORDS = HOSTILE_PASSWORDS.filter((p) => !/[\r\n]/.test(p));

export function secretForms(password: string, user?: string): string[] {
  const json = JSON.stringify(password).slice(1, -1);
  const forms = [
    password,
    json,
    JSON.stringify(json).slice(1, -1),
    Buffer.from(password, 'utf8').toString('base64').replace(/=+$/, ''),
    encodeURIComponent(password),
  ];
  if (user !== undefined) {
    // What AUTH PLAIN sends: base64 of "\0user\0password".
    forms.push(Buffer.from(`\u0000${user}\u0000${password}`, 'utf8').toString('base64').replace(/=+$/, ''));
  }
  return forms;
}

/** The forms of password found in text (empty when none). */
export function leakedForms(text: string | Buffer, password: string, user?: string): string[] {
  const haystack = typeof text === 'string' ? text : text.toString('utf8');
  const latin = typeof text === 'string' ? Buffer.from(text, 'utf8').toString('latin1') : text.toString('latin1');
  return secretForms(password, user).filter(
    (form) => haystack.includes(form) || latin.includes(Buffer.from(form, 'utf8').toString('latin1')),
  );
}
