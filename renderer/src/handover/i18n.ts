// The handover and identity screens' strings: namespace 'handover' of the one
// i18n set-up (renderer/src/i18n).
import { useT, type KeyOf, type TFor } from '../i18n/useT.ts';

export type HandoverKey = KeyOf<'handover'>;
export type HandoverT = TFor<'handover'>;

export function useHandoverT(): { t: HandoverT; language: string } {
  const { t, lang } = useT('handover');
  return { t, language: lang };
}
