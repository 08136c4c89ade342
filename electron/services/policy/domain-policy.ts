import type { AccountKind } from '../../../shared/account.ts';
import { toAsciiDomain } from '../../../shared/idn.ts';
import { DEFAULT_FREEMAIL_DOMAINS, isFreemail } from '../../../shared/send-policy.ts';
import { AppError } from '../errors/app-error.ts';

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Free-mail providers that Art. 11 rules out for official work: the built-in list of the sending
 * policy (shared/send-policy.ts), so that accounts, grants and sending agree. Regional variants
 * (yahoo.com.vn, hotmail.co.uk) and subdomains count too; IDN domains are compared in ASCII.
 */
export function isFreemailDomain(domain: string): boolean {
  return isFreemail(toAsciiDomain(domain) ?? domain.toLowerCase(), DEFAULT_FREEMAIL_DOMAINS);
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
