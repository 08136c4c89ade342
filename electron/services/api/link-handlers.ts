// links.open: a link from a mail to the operating system. Whatever the renderer sends, only the
// normalised URL of an http(s) or mailto: link is handed on (main's opener checks it once more).
import { normalizeOpenable, schemeOf } from '../../../shared/link-safety.ts';
import { AppError } from '../errors/app-error.ts';

export async function openLink(url: string, openExternal: (url: string) => Promise<void>): Promise<{ opened: true }> {
  const normalised = normalizeOpenable(url);
  if (normalised === null) {
    throw new AppError('VALIDATION', `refusing to open link with scheme ${schemeOf(url) || 'unknown'}`, {
      messageVi: 'Chỉ mở được liên kết http, https hoặc mailto.',
    });
  }
  await openExternal(normalised);
  return { opened: true };
}
