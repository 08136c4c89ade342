// The delegation screens' strings: namespace 'delegation' of the one i18n
// set-up (renderer/src/i18n). `lang` picks the words of shared/delegation.ts.
import { useT, type TFor } from '../i18n/useT.ts';

export type DelegationT = TFor<'delegation'>;

export const useDelegationT = () => useT('delegation');
