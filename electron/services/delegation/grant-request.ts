// Checks on what the head asks for, before anything reaches the server.
import { emailSchema } from '../../../shared/account.ts';
import { ROLE_RIGHTS, normalizeRights, type GrantRequest, type GrantWarning } from '../../../shared/delegation.ts';
import { AppError } from '../errors/app-error.ts';
import { domainOf, isFreemailDomain, isOfficialDomain } from '../policy/domain-policy.ts';

export function normalizeAddress(input: string): string {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError('VALIDATION', `invalid delegate address: ${input}`, {
      messageVi: `Địa chỉ người được ủy quyền không hợp lệ: ${input}`,
    });
  return parsed.data;
}

export function instant(value: string, field: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new AppError('VALIDATION', `${field} is not a date: ${value}`);
  return new Date(t).toISOString();
}

export function resolveRights(req: Pick<GrantRequest, 'role' | 'rights' | 'allowAdmin'>): {
  rights: string;
  warnings: GrantWarning[];
} {
  let rights: string;
  if (req.role === 'custom') {
    const checked = normalizeRights(req.rights ?? '');
    if (checked.invalid.length) {
      throw new AppError('VALIDATION', `not RFC 4314 rights: ${checked.invalid.join('')}`, {
        messageVi: `Ký tự quyền không hợp lệ: ${checked.invalid.join(', ')}. Chỉ dùng các quyền l r s w i p k x t e a.`,
      });
    }
    if (checked.rights === '')
      throw new AppError('VALIDATION', 'custom role without rights', { messageVi: 'Hãy chọn ít nhất một quyền.' });
    rights = checked.rights;
  } else {
    if (req.rights !== undefined && req.rights !== '')
      throw new AppError('VALIDATION', 'rights letters are only for the custom role', {
        messageVi: 'Chỉ nhập ký tự quyền khi chọn vai trò Tùy chỉnh.',
      });
    rights = ROLE_RIGHTS[req.role];
  }
  const warnings: GrantWarning[] = [];
  if (rights.includes('a')) {
    if (!req.allowAdmin)
      throw new AppError('VALIDATION', "the administer right 'a' needs an explicit confirmation", {
        messageVi:
          'Quyền quản trị (a) cho phép người được ủy quyền tự cấp quyền cho người khác. Chỉ cấp khi thật cần và phải xác nhận rõ.',
      });
    warnings.push('admin-right');
  }
  if (rights.includes('p')) warnings.push('smtp-sender-needed');
  return { rights, warnings };
}

/** A delegate is a lower-case address on an official domain, never the mailbox itself (Art. 11). */
export function checkDelegate(
  input: string,
  mailbox: { email: string; username: string },
  officialDomains: readonly string[],
): string {
  const delegate = normalizeAddress(input);
  if (delegate === mailbox.email.toLowerCase() || delegate === mailbox.username.toLowerCase()) {
    throw new AppError('VALIDATION', 'cannot delegate a mailbox to itself', {
      messageVi: 'Không thể ủy quyền hộp thư cho chính nó.',
    });
  }
  const domain = domainOf(delegate);
  if (isFreemailDomain(domain)) {
    throw new AppError('FREEMAIL_FORBIDDEN', `${domain} is a free-mail provider; Art. 11 forbids it for official work`);
  }
  if (!isOfficialDomain(domain, officialDomains)) {
    throw new AppError(
      'DOMAIN_NOT_ALLOWED',
      `${domain} is not one of the official domains (${officialDomains.join(', ')})`,
      {
        messageVi: `Chỉ ủy quyền cho địa chỉ thuộc tên miền công vụ (${officialDomains.join(', ')}); ${delegate} không thuộc danh sách này.`,
      },
    );
  }
  return delegate;
}
