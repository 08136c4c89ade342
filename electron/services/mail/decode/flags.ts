/** \Recent belongs to one IMAP session, not to the message: never stored or shown. */
export function withoutRecent(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])].filter((f) => f.toLowerCase() !== '\\recent');
}
