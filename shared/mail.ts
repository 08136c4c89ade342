export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\Archive' | '\\All' | '\\Flagged';

export interface FolderInfo {
  /** Server path (decoded from modified UTF-7), the key for every call. */
  path: string;
  /** Last path segment, for display. */
  name: string;
  parentPath: string | null;
  delimiter: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  selectable: boolean;
  messages: number | null;
  unseen: number | null;
}

export interface Address {
  name: string;
  address: string;
}

export interface MessageSummary {
  uid: number;
  date: string | null;
  from: Address[];
  to: Address[];
  subject: string;
  flags: string[];
  size: number;
  hasAttachments: boolean;
}

export interface AttachmentInfo {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  contentId: string | null;
}

export interface MessageDetail {
  uid: number;
  folder: string;
  messageId: string | null;
  date: string | null;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  subject: string;
  flags: string[];
  /** Plain-text body (or text derived from HTML). */
  text: string;
  /**
   * The message's own HTML, UNSANITIZED. The renderer must pass it through the
   * sanitizer and show it only in the sandboxed frame.
   */
  html: string | null;
  /** Inline images referenced by cid:, as data: URLs (size-capped). */
  inlineImages: Record<string, string>;
  attachments: AttachmentInfo[];
  /** Set when parsing failed or was partial; the raw source is then provided. */
  parseWarning: string | null;
  rawSource: string | null;
}
