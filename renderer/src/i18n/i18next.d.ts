// Types t() keys against the Vietnamese resources, so a typo is a compile error.
import 'i18next';
import type { Messages } from './vi.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
