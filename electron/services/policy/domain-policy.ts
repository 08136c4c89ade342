import type { AccountKind } from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * Free-mail providers that Art. 11 rules out for official work. Matched on the
 * registrable name so regional variants (yahoo.com.vn, hotmail.co.uk) count too.
 */
const FREEMAIL_NAMES = [
  'yahoo',
  'ymail',
  'rocketmail',
  'hotmail',
  'outlook',
  'live',
  'msn',
  'gmail',
  'googlemail',
  'aol',
  'icloud',
  'yandex',
  'gmx',
  'zoho',
  'protonmail',
  'proton',
  'tutanota',
  'qq',
  '163',
  '126',
];
const FREEMAIL_EXACT = new Set([
  'mail.ru',
  'mail.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'pm.me',
  'yeah.net',
  'sina.com',
  'me.com',
  'mac.com',
]);

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function isFreemailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  if (FREEMAIL_EXACT.has(d)) return true;
  const first = d.split('.')[0] ?? '';
  return FREEMAIL_NAMES.includes(first) && !d.endsWith('.gov.vn');
}

export function isOfficialDomain(domain: string, officialDomains: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return officialDomains.some((o) => d === o || d.endsWith(`.${o}`));
}

/**
 * Art. 11: no free-mail for work; a unit mailbox must be on an official domain.
 * Personal accounts (a delegate's own mailbox) must not be free-mail either.
 */
export function assertAllowedAddress(email: string, kind: AccountKind, officialDomains: readonly string[]): void {
  const domain = domainOf(email);
  if (isFreemailDomain(domain)) {
    throw new AppError('FREEMAIL_FORBIDDEN', `${domain} is a free-mail provider; Art. 11 forbids it for official work`);
  }
  if (kind === 'unit' && !isOfficialDomain(domain, officialDomains)) {
    throw new AppError(
      'DOMAIN_NOT_ALLOWED',
      `${domain} is not one of the official domains (${officialDomains.join(', ')})`,
      {
        messageVi: `Tên miền ${domain} không thuộc danh sách tên miền công vụ (${officialDomains.join(', ')}).`,
      },
    );
  }
}
