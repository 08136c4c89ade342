import type { CachedHeader } from '../../electron/services/cache/mail-cache.ts';

/** A fetched header as the cache takes it: plain defaults, the test's own values over them. */
export function cachedHeader(uid: number, extra: Partial<CachedHeader> = {}): CachedHeader {
  return {
    uid,
    modseq: 1n,
    flags: [],
    date: Date.UTC(2026, 0, 1),
    internalDate: null,
    size: 100,
    subject: `Thư ${uid}`,
    from: [{ name: 'Văn phòng UBND', address: 'vanphong@binhphuoc.gov.vn' }],
    to: [{ name: '', address: 'sotttt@binhphuoc.gov.vn' }],
    cc: [],
    messageId: `<${uid}@x>`,
    inReplyTo: null,
    references: [],
    hasAttachments: false,
    attachmentNames: [],
    ...extra,
  };
}
