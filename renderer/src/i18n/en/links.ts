// English for vi/links.ts.
import type { Translation } from '../types.ts';
import type { linksVi } from '../vi/links.ts';

export const linksEn: Translation<typeof linksVi> = {
  confirmTitle: 'Open an external link?',
  deceptiveTitle: 'Warning: this link shows signs of deception',
  realHost: 'Real host that will open',
  punycode: 'Punycode form of the domain',
  fullAddress: 'Full address',
  shownAs: 'Text shown in the message',
  openAnyway: 'Open the link anyway',
  suspicious: 'Suspicious',
  compose: 'Write…',
  noComposer: 'The composer cannot be opened here.',
  mailtoDropped: 'Fields left out of the mail link: {{fields}}.',
  mailtoInvalid: 'Invalid addresses left out: {{values}}.',
  warn: {
    textDiffers: 'The text shown is a different address from where the link really goes.',
    bidi: 'The link contains text-direction controls (such as RLO) that can reverse what is displayed.',
    invisible: 'The link contains invisible characters.',
    lookalike: 'The link uses look-alike characters: slashes, dots or letters that look the same but are not.',
    mixedScript: 'The domain mixes alphabets (for example Cyrillic letters that look Latin).',
    credentials: 'There is a user name before the host: the part before @ is not the site that opens.',
    ipHost: 'The link points at an IP address instead of a domain name.',
    idn: 'Internationalised domain: compare the punycode form with the address you expect.',
    insecure: 'The page uses http, without encryption.',
  },
};
