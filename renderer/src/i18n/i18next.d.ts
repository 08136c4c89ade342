// Types i18next's own t() (plain useTranslation(), TFunction parameters)
// against the Vietnamese catalogues, so a typo in a key is a compile error.
import 'i18next';
import type { Resources } from './vi/index.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: Resources;
  }
}
