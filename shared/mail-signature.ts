// Signatures (chữ ký) under a message, per sending address (the unit's, or a person's own), in
// the administrative style: name in bold, title, unit, then phone and any further lines. Pure:
// the composer inserts it, main stores it.
import { z } from 'zod';

export const mailSignatureSchema = z.object({
  /** Họ và tên. */
  name: z.string().trim().max(200).default(''),
  /** Chức vụ, e.g. "Chánh Văn phòng". */
  title: z.string().trim().max(200).default(''),
  /** Đơn vị, e.g. "Văn phòng UBND tỉnh Bình Phước". */
  unit: z.string().trim().max(300).default(''),
  phone: z.string().trim().max(100).default(''),
  /** Further lines (address, website…), one per line. */
  extra: z.string().max(2000).default(''),
  /** Put it under every new message, reply and forward from this address. */
  auto: z.boolean().default(true),
});
export type MailSignature = z.infer<typeof mailSignatureSchema>;

/** The usual separator line: mail clients recognise "-- " and can leave the signature out of quotes. */
export const SIGNATURE_SEPARATOR = '-- ';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function lines(sig: MailSignature): string[] {
  const out = [sig.name, sig.title, sig.unit].map((l) => l.normalize('NFC')).filter((l) => l !== '');
  if (sig.phone) out.push(`ĐT: ${sig.phone.normalize('NFC')}`);
  for (const l of sig.extra.normalize('NFC').split(/\r?\n/)) if (l.trim() !== '') out.push(l.trim());
  return out;
}

/** The signature as plain text (with the "-- " separator) and as HTML (name in bold); null when empty. */
export function renderSignature(sig: MailSignature): { text: string; html: string } | null {
  const all = lines(sig);
  if (all.length === 0) return null;
  const text = [SIGNATURE_SEPARATOR, ...all].join('\n');
  const [first, ...rest] = all;
  const bold = sig.name !== '' ? `<strong>${escapeHtml(first ?? '')}</strong>` : escapeHtml(first ?? '');
  const html = `<p data-signature="true">${[bold, ...rest.map(escapeHtml)].join('<br>')}</p>`;
  return { text, html };
}
