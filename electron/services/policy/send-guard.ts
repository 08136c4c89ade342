// Article 11 at the moment of sending: free webmail recipients are refused for good, recipients
// outside the official domains need the user's explicit confirmation. Runs before anything is
// queued, so a refused message never reaches the outbox or the SMTP server.
import { classifyRecipients, type RecipientClassification, type SendPolicy } from '../../../shared/send-policy.ts';
import { AppError } from '../errors/app-error.ts';

/** How many addresses a message names before "và N địa chỉ khác". */
const NAMED_IN_MESSAGE = 10;

function listForUser(addresses: readonly string[]): string {
  const named = addresses.slice(0, NAMED_IN_MESSAGE).join(', ');
  const more = addresses.length - NAMED_IN_MESSAGE;
  return more > 0 ? `${named} và ${more} địa chỉ khác` : named;
}

/**
 * Throws FREEMAIL_FORBIDDEN when any recipient is on free webmail (whatever the confirmation),
 * else OUTSIDE_DOMAIN_UNCONFIRMED when some are outside the official domains and the user has
 * not confirmed. `data.addresses` lists them all ("a, b"). Returns the classification otherwise.
 */
export function assertRecipientsAllowed(
  addresses: readonly string[],
  policy: Pick<SendPolicy, 'freemailDomains' | 'officialDomains'>,
  options: { confirmOutsideDomain: boolean },
): RecipientClassification {
  const classified = classifyRecipients(addresses, policy);
  if (classified.freemail.length > 0) {
    const all = classified.freemail.join(', ');
    throw new AppError('FREEMAIL_FORBIDDEN', `free webmail recipients refused by Article 11 policy: ${all}`, {
      messageVi:
        `Theo Điều 11 của Quy chế, không gửi thư công vụ tới hộp thư miễn phí: ${listForUser(classified.freemail)}. ` +
        'Hãy bỏ các địa chỉ này rồi gửi lại; thư chưa được đưa vào hộp thư đi.',
      data: { addresses: all },
    });
  }
  if (classified.outside.length > 0 && !options.confirmOutsideDomain) {
    const all = classified.outside.join(', ');
    throw new AppError(
      'OUTSIDE_DOMAIN_UNCONFIRMED',
      `recipients outside the official domains (${policy.officialDomains.join(', ')}) need confirmation: ${all}`,
      {
        messageVi:
          `Các địa chỉ sau không thuộc tên miền công vụ (${policy.officialDomains.join(', ')}): ` +
          `${listForUser(classified.outside)}. Hãy kiểm tra lại và xác nhận trước khi gửi.`,
        data: { addresses: all },
      },
    );
  }
  return classified;
}
