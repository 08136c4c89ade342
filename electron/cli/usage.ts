export const USAGE = `unit-mailbox — Hộp thư đơn vị, command line

Usage:
  unit-mailbox [--profile DIR] account add --email E --imap-host H --imap-port P [--imap-security tls|starttls|none]
               --smtp-host H --smtp-port P [--smtp-security tls|starttls|none] [--ca-file PEM]
               [--kind unit|personal] [--name N] [--username U] [--allow-insecure] --password-stdin
  unit-mailbox [--profile DIR] account list [--json]
  unit-mailbox [--profile DIR] account test --email E [--json]
  unit-mailbox [--profile DIR] account remove --email E [--json]
  unit-mailbox [--profile DIR] folders [--account E] [--refresh] [--json]
  unit-mailbox [--profile DIR] messages [--account E] --folder PATH [--limit N] [--offset N] [--refresh] [--json]
               from the local cache (offline too); --refresh syncs first; prints "N–M / TOTAL"
  unit-mailbox [--profile DIR] show --account E --folder PATH --uid U [--json]
  unit-mailbox [--profile DIR] sync --account E [--folder PATH]... [--no-index] [--json]   returns once the text index covers what it synced
  unit-mailbox [--profile DIR] search --account E "QUERY" [--limit N] [--offset N] [--json]   prints the total; see README for operators
  unit-mailbox [--profile DIR] directives --account E [--limit N] [--json]
  unit-mailbox [--profile DIR] identity create --name N --title T --unit U --email E [--json]
  unit-mailbox [--profile DIR] identity import-p12 FILE --password-stdin [--json]
  unit-mailbox [--profile DIR] identity show [--json]          prints the SHA-256 fingerprint to compare
  unit-mailbox [--profile DIR] identity export-cert --out FILE  your certificate (and chain), PEM
  unit-mailbox [--profile DIR] handover export --account E --recipient-cert FILE --out PATH [--tar] [--witness NAME]
               [--place P] [--json]     signed BagIt/Mailbag bag; Ctrl-C stops, the same command resumes
  unit-mailbox [--profile DIR] handover verify PATH [--ca PEM | --expect-signer SHA256] [--json]
               PATH: bag directory or .tar; exit 0 valid and signer authenticated, 1 invalid or unreadable,
               3 valid but signer NOT authenticated (give --ca or --expect-signer)
  unit-mailbox [--profile DIR] handover accept PATH --account-email E [--restore] [--ca PEM] [--json]
               verify, unseal the credential with your identity, store the account, compare, countersign a receipt
  unit-mailbox [--profile DIR] handover diff PATH --account E [--json]     package vs live mailbox; exit 1 if messages are missing or changed
  unit-mailbox [--profile DIR] delegate list --account E [--json]
  unit-mailbox [--profile DIR] delegate grant --account E --to ADDRESS --role xem|xu-ly|soan-gui|custom
               [--rights LETTERS] [--allow-admin] [--folders F1,F2] [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--json]
  unit-mailbox [--profile DIR] delegate revoke --account E --to ADDRESS [--json]
  unit-mailbox [--profile DIR] delegate check --account E [--fix] [--json]   exit 1 on drift or a damaged register
  unit-mailbox [--profile DIR] shared --account DELEGATE_EMAIL [--json]      unit mailboxes shared with you
  unit-mailbox [--profile DIR] send --account E [--as UNIT_ADDRESS] --to A[,B…] [--cc …] [--bcc …] --subject S
               (--body-file F | --body-stdin) [--html-file F] [--attach FILE]… [--reply-to-uid FOLDER:UID]
               [--sign] [--request-receipt] [--confirm-outside-domain] [--json]
               sends at once; exit 0 sent, 75 kept in the outbox (server down, or maybe sent: yours to decide),
               1 refused (Art. 11, size, right, server; --sign without a signing identity: see identity create)
  unit-mailbox [--profile DIR] outbox list|flush|remove ID --account E [--json]
               flush sends what waits: exit 0 nothing left, 75 some still wait, 1 some failed
  unit-mailbox [--profile DIR] receipts --account E [--json]    read receipts of messages sent with --request-receipt
  unit-mailbox [--profile DIR] ledger list --account E [--mailbox U] [--status moi|da-giao|dang-xu-ly|da-xu-ly|qua-han|luu]
               [--assignee ADDRESS|me] [--year Y] [--limit N] [--offset N] [--json]   prints "N of M" when more match
  unit-mailbox [--profile DIR] ledger register --account E [--mailbox U] --folder F --uid N [--json]
  unit-mailbox [--profile DIR] ledger assign --account E [--mailbox U] NUMBER --to ADDRESS [--deadline YYYY-MM-DD] [--note TEXT] [--json]
  unit-mailbox [--profile DIR] ledger claim --account E [--mailbox U] NUMBER [--json]   exit 1 naming the winner if taken
  unit-mailbox [--profile DIR] ledger status --account E [--mailbox U] NUMBER dang-xu-ly|da-xu-ly|luu
               [--result-message-id ID] [--note TEXT] [--json]
               NUMBER: số đến of this year, or YEAR/NUMBER; --mailbox: the unit mailbox a delegate acts on
  unit-mailbox [--profile DIR] ledger report --account E [--mailbox U] --from YYYY-MM-DD --to YYYY-MM-DD
               --format pdf|xlsx|csv [--kind register|processing] --out FILE [--json]
               the register for a period of ngày đến, or the processing report (received, on time, late, open)
  unit-mailbox [--profile DIR] audit list --account E [--mailbox U] [--limit N] [--offset N] [--json]
               who, when, what, on which message; changes made by other clients marked "ngoài ứng dụng"
  unit-mailbox [--profile DIR] audit verify --account E [--mailbox U] [--json]
               exit 1 on any break, naming the first broken, missing or reordered record

Search operators: from: to: subject: has:attachment is:unread is:flagged before:YYYY-MM-DD after: folder:
Diacritics are optional: "chi dao" finds "chỉ đạo".

--account may be left out when the profile has exactly one account.

Passwords are read from standard input (--password-stdin) or a hidden prompt, never from a flag.
Exit codes: 0 success, 1 the operation failed or was refused (ledger: a lost claim; audit verify: a break), 2 usage error, 3 (handover verify) valid but the signer not authenticated, 75 (send, outbox flush; ledger actions) kept on this computer for later.
`;

/** A mistake in how the command was called (exit 2). */
export class UsageError extends Error {
  /** Whether the usage text follows the message (not for a feature that is simply not built yet). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.showUsage = options.showUsage ?? true;
  }
}
