// The handover and identity screens' strings: namespace 'handover' of the one
// i18n set-up (renderer/src/i18n), with the screens' number, size and date formats.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useT, type KeyOf, type TFor } from '../i18n/useT.ts';
import { formatters, type Formatters } from './format.ts';

export type HandoverKey = KeyOf<'handover'>;
export type HandoverT = TFor<'handover'>;

export function useHandoverT(): { t: HandoverT; language: string; f: Formatters } {
  const { t, lang } = useT('handover');
  const { t: tMain } = useTranslation();
  const f = useMemo(() => formatters(lang, tMain), [lang, tMain]);
  return { t, language: lang, f };
}
