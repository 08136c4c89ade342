import type {
  Address,
  CachedSummary,
  DateSource,
  FolderInfo,
  MessageDetail,
  MessageSummary,
  SearchHit,
} from '../../shared/mail.ts';
import type { AccountSummary } from '../../shared/account.ts';
import { withoutRecent } from '../services/mail/decode/flags.ts';
import { displayWidth, localDate, padEnd } from './format-text.ts';

const addr = (list: Address[]) => list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/** Columns padded by display width (grapheme clusters, wide characters), so Vietnamese text stays aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : padEnd(cell, widths[i] ?? 0))).join('  '))
    .join('\n');
}

/** A date for a table or `show`: local (Vietnam), marked when it is the server's INTERNALDATE. */
function shownDate(m: { date: string | null; dateSource?: DateSource | null | undefined }): string {
  const text = localDate(m.date);
  return m.dateSource === 'internal' && text ? `${text} (ngày nhận / received)` : text;
}

const flagsOf = (flags: string[]) => withoutRecent(flags).join(' ');

export function formatAccounts(accounts: AccountSummary[]): string {
  if (accounts.length === 0) return '(no accounts)';
  return table([
    ['EMAIL', 'KIND', 'IMAP', 'SMTP', 'NAME'],
    ...accounts.map((a) => [
      a.email,
      a.kind,
      `${a.imap.host}:${a.imap.port}/${a.imap.security}`,
      `${a.smtp.host}:${a.smtp.port}/${a.smtp.security}`,
      a.displayName + (a.insecure ? '  [KHÔNG MÃ HÓA / INSECURE]' : ''),
    ]),
  ]);
}

export function formatFolders(folders: FolderInfo[]): string {
  return table([
    ['PATH', 'SPECIAL', 'MESSAGES', 'UNSEEN'],
    ...folders.map((f) => [f.path, f.specialUse ?? '', String(f.messages ?? '-'), String(f.unseen ?? '-')]),
  ]);
}

export function formatMessages(messages: MessageSummary[]): string {
  if (messages.length === 0) return '(no messages)';
  return table([
    ['UID', 'DATE', 'FROM', 'FLAGS', 'SIZE', 'SUBJECT'],
    ...messages.map((m) => [
      String(m.uid),
      shownDate(m),
      m.from[0]?.address ?? '',
      flagsOf(m.flags) + (m.hasAttachments ? ' 📎' : ''),
      String(m.size),
      m.subject,
    ]),
  ]);
}

export function formatMessage(m: MessageDetail): string {
  const lines = [
    `From:    ${addr(m.from)}`,
    `To:      ${addr(m.to)}`,
    ...(m.cc.length ? [`Cc:      ${addr(m.cc)}`] : []),
    `Date:    ${shownDate(m)}`,
    `Subject: ${m.subject}`,
    `Flags:   ${flagsOf(m.flags)}`,
  ];
  if (m.attachments.length) {
    lines.push('Attachments:');
    for (const a of m.attachments)
      lines.push(`  - ${a.filename} (${a.contentType}, ${a.size} bytes${a.inline ? ', inline' : ''})`);
  }
  if (m.parseWarning) lines.push(`Warning: ${m.parseWarning}`);
  lines.push('', m.text || (m.html ? '(HTML only; open it in the app to view safely)' : ''));
  if (m.rawSource) lines.push('', '--- raw source ---', m.rawSource);
  return lines.join('\n');
}

const URGENCY_LABEL = ['', 'KHẨN', 'THƯỢNG KHẨN', 'HỎA TỐC'];

export function formatHits(hits: SearchHit[]): string {
  if (hits.length === 0) return '(không tìm thấy / no results)';
  return table([
    ['FOLDER', 'UID', 'DATE', 'FROM', 'SUBJECT'],
    ...hits.map((h) => [
      h.folder,
      String(h.uid),
      shownDate(h),
      h.from[0]?.address ?? '',
      h.subject + (h.source === 'server' ? '  [server]' : ''),
    ]),
  ]);
}

export function formatDirectives(list: CachedSummary[]): string {
  if (list.length === 0) return '(không có chỉ đạo / no directives)';
  return table([
    ['URGENCY', 'DATE', 'FOLDER', 'UID', 'FROM', 'SUBJECT'],
    ...list.map((d) => [
      URGENCY_LABEL[d.urgency] ?? '',
      shownDate(d),
      d.folder,
      String(d.uid),
      d.from[0]?.address ?? '',
      d.subject,
    ]),
  ]);
}
