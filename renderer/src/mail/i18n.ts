// The mail-safety strings (remote content, attachments, legacy encodings):
// namespace 'mail' of the one i18n set-up (renderer/src/i18n).
import { useT, type TFor } from '../i18n/useT.ts';

export type MailT = TFor<'mail'>;

export const useMailT = (): MailT => useT('mail').t;
