// One exported message as the export journal keeps it (one JSON line) and as the indexes read it.
// Its own module so the journal's writer (export-state.ts) and reader (journal-reader.ts), and the
// fetchers that produce entries, share the type without importing one another.

/** What the bag keeps about one exported message (one journal line). */
export interface MessageEntry {
  uid: number;
  size: number;
  sha256: string;
  sha512: string;
  /** System flags (\Seen…), sorted. */
  flags: string[];
  /** Keywords ($Forwarded…), sorted. */
  keywords: string[];
  /** RFC 3339 with zone; '' when the server gave none. */
  internalDate: string;
  modseq: string | null;
  messageId: string;
  // Envelope facts (decoded by the server's ENVELOPE). mailbag.csv takes its From, To, Cc, Bcc
  // and Subject from the exported file instead (mail/decode), these only if that cannot be read.
  date: string;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  contentType: string;
  attachments: number;
}
